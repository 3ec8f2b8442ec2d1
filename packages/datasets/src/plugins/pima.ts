import { overRemoteFile, type RemoteFile } from '../remote/remote-file.js';
import { csv } from './csv.js';

/** The Pima Indians Diabetes table (UCI, via Jason Brownlee's copy at a fixed commit). */
export const PIMA_FILE: RemoteFile = {
  path: 'pima/pima-indians-diabetes.data.csv',
  url: 'https://raw.githubusercontent.com/jbrownlee/Datasets/d20fcb6402ae34e653d4513b00f39257bb37ed7f/pima-indians-diabetes.data.csv',
  sha256: '6bfe5d0f379d17a0e0819b996407e3c09bf80febd4287f2ed212190dfff154af',
  bytes: 23_278,
};

/** W2's data: 768 patients, 8 measurements, diabetes within five years (0/1); the csv plugin's options apply. */
export const pima = overRemoteFile(csv, PIMA_FILE, {
  name: 'pima',
  description: 'Pima Indians Diabetes: 768 rows of 8 measurements -> diabetes (0/1); csv options apply (timesteps: 4 gives W2\'s 4 x 2)',
  sources: 'downloaded once (23 KB) from github.com/jbrownlee/Datasets (or LSTMKIT_DATASETS_MIRROR) into the cache; no source',
});
