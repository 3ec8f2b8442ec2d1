// The plugin module a user names with `lstmkit --plugin ./index.js`: importing it registers everything it adds.
import './toy-conv.js';
import './toy-signs.js';
import './first-two.js';
import './toy-dots.js';
