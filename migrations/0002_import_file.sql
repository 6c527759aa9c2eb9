-- Keep the uploaded spreadsheet of each import run (content-addressed in the file store).
alter table import_runs add column file_key text;
