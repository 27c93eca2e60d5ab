#!/usr/bin/env bash
# Adds a migration named $1 to both databases' histories, from the model every module's tables make:
#   scripts/add-migration.sh AddWebhooks
# SQLite's goes to src/Vidsnap.Embedded/Data/Migrations, PostgreSQL's to src/Vidsnap.PostgreSql/Migrations.
# Check both in, with their model snapshots.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet build src/Vidsnap.Host -c Debug --nologo -v quiet -clp:ErrorsOnly
for target in "SqliteVidsnapDbContext src/Vidsnap.Embedded Data/Migrations" "PostgresVidsnapDbContext src/Vidsnap.PostgreSql Migrations"; do
  read -r context project folder <<<"$target"
  dotnet ef migrations add "$name" --no-build --configuration Debug --context "$context" \
    --project "$project" --startup-project src/Vidsnap.Host --output-dir "$folder"
done
