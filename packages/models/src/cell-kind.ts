/** The recurrent cells lstmkit builds and fuses: LSTM, GRU and SimpleRNN, spelt "rnn" like its model family. */
export type CellKind = 'lstm' | 'gru' | 'rnn';

/** A cell kind as callers may still spell it: "simpleRNN" is the deprecated spelling of "rnn". */
export type CellKindInput = CellKind | 'simpleRNN';

/** The one spelling of a cell kind ("simpleRNN", accepted for code written before "rnn", becomes "rnn"). */
export const cellKind = (kind: CellKindInput): CellKind => (kind === 'simpleRNN' ? 'rnn' : kind);
