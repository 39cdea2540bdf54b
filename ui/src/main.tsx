import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initTenant } from './api/tenant.js';
import { App } from './app/App.js';
import './styles.css';

initTenant(window.location.search, window.sessionStorage);
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
