// Entry of the resource-graph webview bundle (dist/webview.js, with the styles in dist/webview.css). It builds the
// app, routes host messages to it, reports failures to the host instead of dying silently, and says 'ready'
// once it can take a graph.
import './theme.css';
import { GraphApp } from './app';
import { onHostMessage, post, reportError } from './messages';

window.addEventListener('error', (event) => reportError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportError(event.reason));

try {
  const app = new GraphApp(document.body);
  onHostMessage((message) => {
    try {
      app.handle(message);
    } catch (error) {
      reportError(error);
    }
  });
  post({ type: 'ready' });
} catch (error) {
  reportError(error);
}
