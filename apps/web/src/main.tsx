// The page: composition only. Views (views/*.tsx) talk to one worker (worker/worker.ts) through protocol.ts; the
// worker holds the data and the model and calls the packages.
import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

render(<App />, document.getElementById('app')!);
