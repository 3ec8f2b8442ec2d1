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
}
