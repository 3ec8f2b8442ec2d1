// Node-only parts of the trainer (the file system): saving and loading models, and checkpoints during training. The main entry stays free of Node
// APIs so that browser pages can train with it; Node programs import these from '@lstmkit/trainer/node'.
export { loadModel, saveModel, runtimeVersions, METADATA_FILE, MODEL_FILE, WEIGHTS_FILE, type ModelMetadata, type SaveOptions } from './persist.js';
export { modelCheckpoint, type ModelCheckpointOptions } from './callbacks/model-checkpoint.js';
