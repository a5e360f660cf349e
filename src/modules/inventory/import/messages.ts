/**
 * Wording of the messages the device import gives, to be merged into the app's message table.
 * French is the source; the English table must have exactly the same keys, which the compiler checks.
 */
export const importMessagesFr = {
  'import.unknown_columns': 'Colonnes inconnues : {columns}. Colonnes attendues : {expected}.',
  'import.missing_column': 'Colonne obligatoire absente : {column}.',
  'import.duplicate_column':
    'La colonne {letter} (« {column} ») reprend le champ {field} déjà donné par la colonne {firstLetter} (« {firstColumn} ») : gardez-en une seule.',
  'import.unnamed_column':
    'La colonne {letter} contient des valeurs mais pas de titre : donnez-lui un titre ou videz-la.',
  'import.invalid_value': "« {value} » n'est pas une valeur valable ; attendu : {expected}.",
  'import.formula_error':
    'La formule de cette cellule donne une erreur ({value}) : corrigez-la ou remplacez-la par une valeur.',
  'import.duplicate_serial_in_file':
    'Numéro de série {serialNumber} déjà présent à la ligne {firstRow} du fichier.',
  'import.no_rows': "Le fichier ne contient aucun appareil : rien sous la ligne d'en-tête.",
  'import.unreadable': 'Fichier illisible : {reason}.',
  'import.unsupported_format':
    "Ce fichier est au format {format}, que l'import ne lit pas : enregistrez-le au format .xlsx ou .csv.",
  'import.too_many_rows': 'Le fichier dépasse {max} lignes : découpez-le en plusieurs fichiers.',
  'import.nul_character':
    'Cette cellule contient un caractère nul (\\u0000), qui n’est pas accepté : retirez-le.',
} as const;

export type ImportMessageKey = keyof typeof importMessagesFr;

export const importMessagesEn: Record<ImportMessageKey, string> = {
  'import.unknown_columns': 'Unknown columns: {columns}. Expected columns: {expected}.',
  'import.missing_column': 'Required column missing: {column}.',
  'import.duplicate_column':
    'Column {letter} ("{column}") gives the {field} field already given by column {firstLetter} ("{firstColumn}"): keep only one.',
  'import.unnamed_column': 'Column {letter} holds values but has no title: give it a title or empty it.',
  'import.invalid_value': '"{value}" is not a valid value; expected: {expected}.',
  'import.formula_error': "This cell's formula gives an error ({value}): fix it or replace it with a value.",
  'import.duplicate_serial_in_file':
    'Serial number {serialNumber} already appears on row {firstRow} of the file.',
  'import.no_rows': 'The file holds no devices: nothing below the header row.',
  'import.unreadable': 'Unreadable file: {reason}.',
  'import.unsupported_format':
    'This file is in {format} format, which the import cannot read: save it as .xlsx or .csv.',
  'import.too_many_rows': 'The file has more than {max} rows: split it into several files.',
  'import.nul_character': 'This cell contains a NUL character (\\u0000), which is not accepted: remove it.',
};
