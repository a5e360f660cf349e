/**
 * Wording of `seconde-vie backup` / `restore` and of the scheduled backup, merged into the app's message
 * table. French is the source; the English table has exactly the same keys.
 */
export const backupMessagesFr = {
  'backup.no_file': 'Fichier introuvable : {file}.',
  'backup.file_exists': '{file} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.',
  'backup.not_a_backup':
    '{file} n’est pas une sauvegarde de Seconde Vie (fichier écrit par `seconde-vie backup`).',
  'backup.pg_dump_file':
    '{file} a été écrit par pg_dump : restaurez-le avec pg_restore (voir le README, section « Backups and restore »).',
  'backup.unreadable':
    '{file} est illisible ou abîmé ({reason}). Rien n’a été restauré : la base est restée telle qu’elle était.',
  'backup.newer_schema':
    'Cette sauvegarde vient d’une version plus récente de Seconde Vie (schéma {backup}, cette version connaît {code}) : mettez Seconde Vie à jour, puis restaurez.',
  'backup.unknown_schema':
    'Le schéma de cette sauvegarde ({backup}) ne correspond à aucune migration de cette version de Seconde Vie : restaurez-la avec la version qui l’a écrite.',
  'backup.target_not_empty':
    'La base de destination contient déjà des données ({tables}…). Ajoutez --force pour TOUT remplacer par la sauvegarde ; rien n’a été modifié.',
  'backup.server_running':
    'Un serveur Seconde Vie utilise {dataDir} (pid {pid}) : arrêtez-le avant de restaurer, car la restauration remplace tout ce qu’il utilise.',
  'backup.confirm':
    'La base contient déjà des données ({tables}…). La restauration va TOUT remplacer par le contenu de la sauvegarde. Tapez « oui » pour continuer : ',
  'backup.confirm_word': 'oui',
  'backup.cancelled': 'Restauration annulée : rien n’a été modifié.',
  'backup.about':
    'Sauvegarde du {createdAt} ({source}) : {rows} lignes dans {tables} tables, schéma {schema}.',
  'backup.written':
    'Sauvegarde écrite dans {file} : {size}, {rows} lignes de {tables} tables, en {seconds} s.',
  'backup.written_pg_dump': 'Archive pg_dump écrite dans {file} : {size}, {tables} tables, en {seconds} s.',
  'backup.restored': 'Restauration terminée : {rows} lignes dans {tables} tables, en {seconds} s.',
  'backup.migrated_forward':
    'La sauvegarde venait d’une version plus ancienne : {count} migration(s) appliquée(s) ensuite.',
  'backup.pg_dump_missing':
    'pg_dump {major} est introuvable. Installez le client PostgreSQL {major} (Debian/Ubuntu : apt-get install postgresql-client-{major}), ou sauvegardez sans --pg-dump (format de Seconde Vie).',
  'backup.pg_dump_embedded':
    '--pg-dump ne vaut que pour un serveur PostgreSQL (DATABASE_URL) ; la base embarquée se sauvegarde sans cette option.',
  'backup.phase.backup': 'sauvegarde ',
  'backup.phase.restore': 'restauration',
  'backup.pg_dump_failed': 'pg_dump a échoué sur {url} :\n{errors}',
  'backup.reason.damaged': 'contenu abîmé : {detail}',
  'backup.reason.tables_differ': 'ses tables ne sont pas celles du schéma : {tables}',
  'backup.reason.row_count': '{table} : {read} lignes au lieu de {rows}',
  'backup.reason.after_end': 'des données après la fin',
  'backup.reason.unexpected_table': 'table inattendue : {table}',
  'backup.reason.order': '{table} vient avant les tables auxquelles elle se réfère',
  'backup.reason.row_outside': 'une ligne hors de toute table',
  'backup.reason.truncated': 'le fichier s’arrête avant sa dernière table (tronqué ?)',
  'backup.reason.tables_missing': 'des tables manquent',
};

export const backupMessagesEn: Record<keyof typeof backupMessagesFr, string> = {
  'backup.no_file': 'No such file: {file}.',
  'backup.file_exists': '{file} already exists: choose another name, or add --force to replace it.',
  'backup.not_a_backup': '{file} is not a Seconde Vie backup (a file written by `seconde-vie backup`).',
  'backup.pg_dump_file':
    '{file} was written by pg_dump: restore it with pg_restore (see the README, "Backups and restore").',
  'backup.unreadable':
    '{file} is unreadable or damaged ({reason}). Nothing was restored: the database is as it was.',
  'backup.newer_schema':
    'This backup comes from a newer version of Seconde Vie (schema {backup}, this version knows {code}): upgrade Seconde Vie, then restore.',
  'backup.unknown_schema':
    'The schema of this backup ({backup}) matches no migration of this version of Seconde Vie: restore it with the version that wrote it.',
  'backup.target_not_empty':
    'The target database already holds data ({tables}…). Add --force to replace EVERYTHING with the backup; nothing was changed.',
  'backup.server_running':
    'A Seconde Vie server is using {dataDir} (pid {pid}): stop it before restoring, as a restore replaces everything it works on.',
  'backup.confirm':
    'The database already holds data ({tables}…). The restore will replace EVERYTHING with the backup’s content. Type "yes" to go on: ',
  'backup.confirm_word': 'yes',
  'backup.cancelled': 'Restore cancelled: nothing was changed.',
  'backup.about': 'Backup of {createdAt} ({source}): {rows} rows in {tables} tables, schema {schema}.',
  'backup.written': 'Backup written to {file}: {size}, {rows} rows of {tables} tables, in {seconds} s.',
  'backup.written_pg_dump': 'pg_dump archive written to {file}: {size}, {tables} tables, in {seconds} s.',
  'backup.restored': 'Restore complete: {rows} rows in {tables} tables, in {seconds} s.',
  'backup.migrated_forward': 'The backup came from an older version: {count} migration(s) applied after it.',
  'backup.pg_dump_missing':
    'pg_dump {major} was not found. Install the PostgreSQL {major} client (Debian/Ubuntu: apt-get install postgresql-client-{major}), or back up without --pg-dump (Seconde Vie’s format).',
  'backup.pg_dump_embedded':
    '--pg-dump only applies to a PostgreSQL server (DATABASE_URL); back up the embedded database without it.',
  'backup.phase.backup': 'backing up',
  'backup.phase.restore': 'restoring ',
  'backup.pg_dump_failed': 'pg_dump failed on {url}:\n{errors}',
  'backup.reason.damaged': 'damaged content: {detail}',
  'backup.reason.tables_differ': 'its tables are not the schema’s: {tables}',
  'backup.reason.row_count': '{table}: {read} rows instead of {rows}',
  'backup.reason.after_end': 'data after the end',
  'backup.reason.unexpected_table': 'unexpected table: {table}',
  'backup.reason.order': '{table} comes before the tables it refers to',
  'backup.reason.row_outside': 'a row outside any table',
  'backup.reason.truncated': 'the file ends before its last table (truncated?)',
  'backup.reason.tables_missing': 'some tables are missing',
};
