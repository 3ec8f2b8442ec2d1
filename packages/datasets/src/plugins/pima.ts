import { PIMA_FILE } from '../remote/files.js';
import { overRemoteFile } from '../remote/remote-file.js';
import { csv } from './csv.js';


/** W2's data: 768 patients, 8 measurements, diabetes within five years (0/1); the csv plugin's options apply. */
export const pima = overRemoteFile(csv, PIMA_FILE, {
  name: 'pima',
  description: 'Pima Indians Diabetes: 768 rows of 8 measurements -> diabetes (0/1); csv options apply (timesteps: 4 gives W2\'s 4 x 2)',
  sources: 'downloaded once (23 KB) from github.com/jbrownlee/Datasets (or LSTMKIT_DATASETS_MIRROR) into the cache; no source',
});
