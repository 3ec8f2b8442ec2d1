export { confusionMatrix, perClassAccuracy } from './metrics/confusion.js';
