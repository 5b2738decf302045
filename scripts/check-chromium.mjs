#!/usr/bin/env node
// Fails early, with instructions, when the browser the e2e tests use is missing.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
  console.log(`e2e browser: ${path}`);
} catch {
  console.error(`No Chromium at ${path}: the e2e tests need one (Playwright cannot download browsers here).
Get one:
  - Debian/Ubuntu:  sudo apt-get install -y chromium     (installs /usr/bin/chromium)
  - or point CHROMIUM_PATH at any Chromium or Chrome binary, e.g.
      CHROMIUM_PATH=/opt/google/chrome/chrome npm run test:e2e`);
  process.exit(1);
}
