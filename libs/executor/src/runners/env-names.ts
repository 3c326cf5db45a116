/** `learningRate` -> `LEARNING_RATE`, `train-data` -> `TRAIN_DATA`: how channel and argument names appear in environment variables. */
export function toEnvName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}
