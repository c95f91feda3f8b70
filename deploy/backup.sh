#!/bin/sh
# One nightly backup (run by so-thi-dua-backup.service): a checked, consistent copy of the SQLite
# database in DATA_DIR, named by date, and copies older than KEEP_DAYS removed. Exits non-zero
# (systemd marks the unit failed) when the copy cannot be made or checked.
set -eu
BACKUP_DIR=${BACKUP_DIR:-/var/backups/so-thi-dua}
KEEP_DAYS=${KEEP_DAYS:-30}
mkdir -p "$BACKUP_DIR"
/usr/bin/node dist-server/admin.js backup "$BACKUP_DIR/so-thi-dua-$(date +%F).sqlite"
find "$BACKUP_DIR" -name 'so-thi-dua-*.sqlite' -mtime +"$KEEP_DAYS" -delete
