#!/bin/sh
# Makes the certificates the reference platform server and the sync tests
# use, in DIR (created): a test CA (ca.pem), a server certificate for
# 127.0.0.1 and localhost (server.pem/server.key), one signed by a
# different CA (wrong-ca.pem/.key), one for another host name
# (wrong-host.pem/.key) and one that expired (expired.pem/.key).
# Nothing here is a secret: the keys exist only for the duration of a test.
set -eu
dir=${1:?usage: make-certs.sh DIR}
mkdir -p "$dir"
cd "$dir"
[ -s expired.pem ] && [ -s server.pem ] && exit 0

q() { "$@" >/dev/null 2>&1 || { echo "make-certs.sh: failed: $*" >&2; "$@"; exit 1; }; }

make_ca() { # name subject
  q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$1.key" -out "$1.pem" -days 30 -subj "$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
}

make_csr() { # name subject
  q openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$1.key" -out "$1.csr" -subj "$2"
}

ext() { # file san
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$2" >"$1"
}

make_ca ca "/CN=Nursery Kiosk Test CA"
make_ca other-ca "/CN=Somebody Else's CA"

ext san-good.ext "IP:127.0.0.1,DNS:localhost"
ext san-wrong.ext "DNS:platform.example.org"

make_csr server "/CN=localhost"
q openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -out server.pem -days 30 -extfile san-good.ext

make_csr wrong-ca "/CN=localhost"
q openssl x509 -req -in wrong-ca.csr -CA other-ca.pem -CAkey other-ca.key -CAcreateserial \
  -out wrong-ca.pem -days 30 -extfile san-good.ext

make_csr wrong-host "/CN=platform.example.org"
q openssl x509 -req -in wrong-host.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
  -out wrong-host.pem -days 30 -extfile san-wrong.ext

# An expired certificate: `openssl ca` takes explicit start and end dates.
mkdir -p ca-db
: >ca-db/index.txt
echo 1000 >ca-db/serial
cat >ca.cnf <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = ca-db
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
certificate = ca.pem
private_key = ca.key
default_md = sha256
policy = anything
copy_extensions = none
unique_subject = no
[ anything ]
commonName = supplied
CNF
make_csr expired "/CN=localhost"
q openssl ca -batch -config ca.cnf -in expired.csr -out expired.pem -notext \
  -startdate 20200101000000Z -enddate 20200201000000Z -extfile san-good.ext

# Public-key pins (sha256//BASE64) of the good key and of another key.
for name in server wrong-ca; do
  openssl pkey -in "$name.key" -pubout -outform DER 2>/dev/null \
    | openssl dgst -sha256 -binary | openssl base64 -A >"$name.pin"
done
rm -f ./*.csr ./*.srl
