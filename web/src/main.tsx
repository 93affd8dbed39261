/** The dashboard's entry point; the app is in app.tsx, one file per view in views/. */
import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

render(<App />, document.getElementById('app')!);
