/** Default values of the iris pipeline's parameters (also used by the unit tests of the ML code). */
export const IRIS_DEFAULTS = {
  testFraction: 0.3,
  seed: 42,
  learningRate: 0.5,
  epochs: 500,
  l2: 0.001,
  accuracyThreshold: 0.9,
} as const;
