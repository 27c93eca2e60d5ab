#!/usr/bin/env bash
# Starts PostgreSQL, S3, SQS and SMTP servers for the tests under DATA_DIR, prints their ports as
# KEY=VALUE lines then READY, and keeps them up until it gets SIGTERM or SIGINT (or its stdin closes).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/local-services.sh
data=${1:?usage: local-services-up.sh DATA_DIR}
mkdir -p "$data"
trap 'stop_local_services; exit 0' TERM INT
trap 'stop_local_services' EXIT

pg=$(free_port); s3=$(free_port); sqs=$(free_port); smtp=$(free_port)
start_postgres "$data" "$pg" || exit 1
start_s3 "$data" "$s3" || exit 1
start_sqs "$data" "$sqs" || exit 1
start_smtp "$data/mail" "$smtp" "$data/logs" || exit 1
echo "PG_PORT=$pg"
echo "S3_PORT=$s3"
echo "SQS_PORT=$sqs"
echo "SMTP_PORT=$smtp"
echo "MAIL_DIR=$data/mail"
echo "READY"
# Stop when the test process goes away, even if it could not signal us.
while read -r _; do :; done
