// The shape of one fused recurrent call, shared by the kernels (@lstmkit/native) and the layers that call them
// (@lstmkit/models), which do not depend on each other.

/** Shape of one fused LSTM, GRU or SimpleRNN call: batch, timesteps, input features, units. */
export interface RecurrentDims {
  readonly batch: number;
  readonly steps: number;
  readonly features: number;
  readonly units: number;
  /** Keras' `activation` (candidate and cell output); default tanh. The gates are sigmoid. */
  readonly activation?: 'tanh' | 'relu';
  /**
   * For a backward pass: false when nothing wants the gradient with respect to x (a model's first layer), so a
   * kernel may skip it and return an empty dx (lstmkit's own kernels do: a fifth of an LSTM(128) step's backward
   * work on 28 features). Default true.
   */
  readonly inputGradient?: boolean;
}
