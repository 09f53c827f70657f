-- schema-1.sql — a kiosk database as the kiosk before per-module
-- migrations (commit 7aaffef) left it: schema user_version 1, statement for
-- statement that version's migrations[0] (laid out one column a line), and
-- a few days of a small centre's real use in every table.  test-store.c
-- loads it, opens it with nk_store_open () and checks that the upgrade
-- kept every row.
--
-- What the old code did that the upgrade must understand: attendance and
-- staff_clock rows carry no room; the outbox has no state column, a sent
-- row has sent_us, and a row the platform refused has last_error
-- 'rejected: …'; meta holds the sync cursor.

BEGIN;

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL);
CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('infant', 'toddler', 'senior')),
  places INTEGER NOT NULL CHECK (places > 0));
CREATE TABLE children (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  room_id TEXT REFERENCES rooms (id),
  allergies TEXT NOT NULL DEFAULT '',
  photo TEXT,
  active INTEGER NOT NULL DEFAULT 1);
CREATE INDEX children_room ON children (room_id);
CREATE TABLE guardians (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT,
  relation TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX guardians_phone ON guardians (phone) WHERE phone IS NOT NULL;
CREATE TABLE guardian_children (
  guardian_id TEXT NOT NULL REFERENCES guardians (id) ON DELETE CASCADE,
  child_id TEXT NOT NULL REFERENCES children (id) ON DELETE CASCADE,
  can_pickup INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (guardian_id, child_id));
CREATE INDEX guardian_children_child ON guardian_children (child_id);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('caregiver', 'director', 'health')),
  certificate TEXT,
  room_id TEXT REFERENCES rooms (id),
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE cards (
  uid TEXT PRIMARY KEY,
  holder_kind TEXT NOT NULL CHECK (holder_kind IN ('child', 'guardian', 'staff')),
  holder_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'lost')));
CREATE INDEX cards_holder ON cards (holder_kind, holder_id);
CREATE TABLE attendance (
  id TEXT PRIMARY KEY,
  child_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'not_out')),
  at_us INTEGER NOT NULL,
  local_date TEXT NOT NULL,
  by_kind TEXT NOT NULL CHECK (by_kind IN ('child', 'guardian', 'staff', 'system')),
  by_id TEXT,
  card_uid TEXT,
  device_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('card', 'manual', 'system')),
  reason TEXT);
CREATE INDEX attendance_child ON attendance (child_id);
CREATE INDEX attendance_date ON attendance (local_date, child_id);
CREATE TABLE staff_clock (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),
  at_us INTEGER NOT NULL,
  local_date TEXT NOT NULL,
  device_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('card', 'manual')));
CREATE INDEX staff_clock_staff ON staff_clock (staff_id);
CREATE INDEX staff_clock_date ON staff_clock (local_date, staff_id);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at_us INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  uid TEXT,
  detail TEXT);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  at_us INTEGER NOT NULL,
  payload TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  sent_us INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT);
CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_us IS NULL;

INSERT INTO meta (key, value) VALUES
  ('device_id', '0ccf1b53-dce5-42f7-96bb-e5026d905963'),
  ('centre_name', '阳光托育中心'),
  ('sync.cursor', 'c-2026-11-17T09:00:00Z-000412');

INSERT INTO rooms (id, name, kind, places) VALUES
  ('R1', '小太阳', 'infant', 10),
  ('R2', '小星星', 'toddler', 15),
  ('R3', '大月亮', 'senior', 20);

-- C004 has left the centre; C002 has allergies and a photo.
INSERT INTO children (id, name, date_of_birth, room_id, allergies, photo, active) VALUES
  ('C001', '王小明', '2025-02-14', 'R2', '', NULL, 1),
  ('C002', '刘子涵', '2024-06-30', 'R3', '鸡蛋', 'photos/C002.jpg', 1),
  ('C003', '刘子轩', '2025-09-01', 'R1', '', NULL, 1),
  ('C004', '赵一诺', '2024-04-11', 'R3', '花生, 牛奶', NULL, 0),
  ('C005', 'Emma Li', '2025-05-20', 'R2', '', NULL, 1);

INSERT INTO guardians (id, name, phone, relation) VALUES
  ('G001', '李娜', '13800138001', 'mother'),
  ('G002', '刘强', '13800138002', 'father'),
  ('G003', '王奶奶', NULL, 'grandmother'),
  ('G004', '赵阿姨', '13900139004', 'nanny');

-- G004 may drop C004 off but not pick her up.
INSERT INTO guardian_children (guardian_id, child_id, can_pickup) VALUES
  ('G001', 'C002', 1),
  ('G001', 'C003', 1),
  ('G002', 'C002', 1),
  ('G002', 'C003', 1),
  ('G003', 'C001', 1),
  ('G004', 'C004', 0),
  ('G001', 'C005', 1);

-- The director and the health staff have no room; S005 has left.
INSERT INTO staff (id, name, role, certificate, room_id, active) VALUES
  ('S001', '陈园长', 'director', NULL, NULL, 1),
  ('S002', '张老师', 'caregiver', '保育师 2023-0456', 'R2', 1),
  ('S003', '孙医生', 'health', '保健员 HB-88', NULL, 1),
  ('S004', '周老师', 'caregiver', '育婴员 2021-0012', 'R1', 1),
  ('S005', '吴老师', 'caregiver', NULL, 'R3', 0);

INSERT INTO cards (uid, holder_kind, holder_id, status) VALUES
  ('04A1B2C3', 'child', 'C001', 'active'),
  ('04D5E6F7', 'guardian', 'G001', 'active'),
  ('04BADBAD', 'guardian', 'G002', 'lost'),
  ('04101112', 'guardian', 'G004', 'active'),
  ('04C0FFEE', 'staff', 'S002', 'active'),
  ('04D1EC70', 'staff', 'S001', 'active'),
  ('0455AA01', 'staff', 'S004', 'active');

-- Friday 13th and Monday 16th of November 2026; C003 was not checked out
-- on Monday and was closed as "not checked out" on Tuesday morning.
INSERT INTO attendance (id, child_id, kind, at_us, local_date, by_kind, by_id, card_uid, device_id,
                        method, reason) VALUES
  ('90d3869d-5d9e-47b3-88c9-8dc73f470ab5', 'C004', 'in', 1794528300000000, '2026-11-13', 'guardian',
   'G004', '04101112', '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card', NULL),
  ('56cb2056-8774-432f-a702-2f8902c405bc', 'C004', 'out', 1794559800000000, '2026-11-13', 'staff',
   'S005', NULL, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'manual', '家长电话授权'),
  ('76f55ee3-faa0-4b93-9135-dcab0eeb6e95', 'C001', 'in', 1794787951000000, '2026-11-16', 'child',
   'C001', '04A1B2C3', '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card', NULL),
  ('62ab5015-0877-40c9-9b52-a974f0b202a6', 'C002', 'in', 1794788402000000, '2026-11-16', 'guardian',
   'G001', '04D5E6F7', '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card', NULL),
  ('b797e092-4eef-49c8-94a1-280f1db08a53', 'C003', 'in', 1794788500000000, '2026-11-16', 'guardian',
   'G001', '04D5E6F7', '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card', NULL),
  ('f3439401-3828-4670-91a0-08cb2c6db2c5', 'C002', 'out', 1794818412000000, '2026-11-16', 'staff',
   'S002', NULL, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'manual', '卡忘带了'),
  ('ff2d87c9-3b85-46e6-93f1-d5bdf69b4619', 'C001', 'out', 1794819955000000, '2026-11-16', 'child',
   'C001', '04A1B2C3', '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card', NULL),
  ('26dba103-1480-48af-b280-4a5e0b1a769d', 'C003', 'not_out', 1794870000000000, '2026-11-16', 'system',
   NULL, NULL, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'system', 'not checked out'),
  ('25956153-9e12-4d40-8579-154b0f164b2a', 'C005', 'in', 1794875445000000, '2026-11-17', 'staff',
   'S004', NULL, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'manual', '新卡未到');

INSERT INTO staff_clock (id, staff_id, kind, at_us, local_date, device_id, method) VALUES
  ('83d17bb3-7fdc-43b6-8f46-0679931eae30', 'S002', 'in', 1794786310000000, '2026-11-16',
   '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card'),
  ('2c3811cf-4c78-40d1-b707-777f1304ea68', 'S001', 'in', 1794787203000000, '2026-11-16',
   '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card'),
  ('22c72327-8faa-4ef3-8f75-8f7ad0cdf01b', 'S002', 'out', 1794821420000000, '2026-11-16',
   '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card'),
  ('8b5af1cd-0ae8-43fa-aea5-2118ff67cfd5', 'S004', 'in', 1794873000000000, '2026-11-17',
   '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'manual');

INSERT INTO audit (id, at_us, device_id, kind, uid, detail) VALUES
  (1, 1794528310000000, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'unknown-card', '04999999', NULL),
  (2, 1794559800000000, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'manual', NULL,
   'staff=S005 child=C004 direction=out reason=家长电话授权'),
  (3, 1794789060000000, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'lost-card', '04BADBAD', NULL),
  (4, 1794818412000000, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'manual', NULL,
   'staff=S002 child=C002 direction=out reason=卡忘带了'),
  (5, 1794821000000000, '0ccf1b53-dce5-42f7-96bb-e5026d905963', 'card-lost', '04BADBAD', NULL);

-- Sent (with sent_us), waiting (one after failed attempts), and one the
-- platform refused, the old way: no sent_us, last_error 'rejected: …'.
INSERT INTO outbox (seq, event_id, type, at_us, payload, created_us, sent_us, attempts, last_error) VALUES
  (1, '90d3869d-5d9e-47b3-88c9-8dc73f470ab5', 'attendance', 1794528300000000,
   '{"child_id":"C004","direction":"in","method":"card","by_kind":"guardian","by_id":"G004","card_uid":"04101112","reason":null,"local_date":"2026-11-13"}',
   1794528300001000, 1794528302000000, 1, NULL),
  (2, '56cb2056-8774-432f-a702-2f8902c405bc', 'attendance', 1794559800000000,
   '{"child_id":"C004","direction":"out","method":"manual","by_kind":"staff","by_id":"S005","card_uid":null,"reason":"家长电话授权","local_date":"2026-11-13"}',
   1794559800001000, 1794559861000000, 2, NULL),
  (3, '83d17bb3-7fdc-43b6-8f46-0679931eae30', 'staff_clock', 1794786310000000,
   '{"staff_id":"S002","direction":"in","method":"card","local_date":"2026-11-16"}',
   1794786310001000, 1794786312000000, 1, NULL),
  (4, '76f55ee3-faa0-4b93-9135-dcab0eeb6e95', 'attendance', 1794787951000000,
   '{"child_id":"C001","direction":"in","method":"card","by_kind":"child","by_id":"C001","card_uid":"04A1B2C3","reason":null,"local_date":"2026-11-16"}',
   1794787951001000, NULL, 3, 'HTTP 503: Service Unavailable'),
  (5, '26dba103-1480-48af-b280-4a5e0b1a769d', 'attendance', 1794870000000000,
   '{"child_id":"C003","direction":"not_out","method":"system","by_kind":"system","by_id":null,"card_uid":null,"reason":"not checked out","local_date":"2026-11-16"}',
   1794870000001000, NULL, 1, 'rejected: child C003 is not enrolled at this centre'),
  (6, '25956153-9e12-4d40-8579-154b0f164b2a', 'attendance', 1794875445000000,
   '{"child_id":"C005","direction":"in","method":"manual","by_kind":"staff","by_id":"S004","card_uid":null,"reason":"新卡未到","local_date":"2026-11-17"}',
   1794875445001000, NULL, 0, NULL);

PRAGMA user_version = 1;

COMMIT;
