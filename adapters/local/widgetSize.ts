/**
 * `npm run size:widget`: what a visitor downloads, as JSON. The loader is what every page view
 * costs; the chat (with Amplify Auth) only loads when someone opens the widget.
 */
import { gzipSync } from 'node:zlib';
import { buildWidget } from './widgetBuild.js';

const { files } = await buildWidget();

function measure(name: string) {
  const file = files.get(name);
  if (!file) throw new Error(`${name} was not built`);
  return { file: name, minifiedBytes: file.byteLength, gzipBytes: gzipSync(file, { level: 9 }).byteLength };
}

const loader = measure('widget.js');
const chat = measure('widget-chat.js');
// One line of JSON, so tools reading JSON lines (the benchmarks) can take it as it is.
console.log(
  JSON.stringify({
    loader,
    chat,
    total: {
      minifiedBytes: loader.minifiedBytes + chat.minifiedBytes,
      gzipBytes: loader.gzipBytes + chat.gzipBytes,
    },
  }),
);
