// Node-only parts of the trainer (the file system): saving and loading models, checkpoints and backups during training. The main entry stays free of Node
// APIs so that browser pages can train with it; Node programs import these from '@lstmkit/trainer/node'.
export { loadModel, saveModel, runtimeVersions, METADATA_FILE, MODEL_ARTEFACT, MODEL_FILE, WEIGHTS_FILE, type LoadedModel, type ModelMetadata, type SaveMetadata, type SaveModelOptions } from './persist.js';
export { backupAndRestore, BACKUP_ARTEFACT, type BackupAndRestoreOptions } from './resume/backup-and-restore.js';
// Safe writing of any artefact folder (models, backups, and the CLI's analyses): never over what lstmkit did not write.
export { checkOutputTarget } from './artefact/target.js';
export { recoverArtefact, writeArtefact, type ArtefactContent } from './artefact/write.js';
export type { ArtefactKind, FileEntry, FileTable } from './artefact/kind.js';
export { modelCheckpoint, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
