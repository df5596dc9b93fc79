import { BUILD_DIR } from '../support/browser';
import { auditManifest } from '../support/manifest-audit';

auditManifest('Chromium', BUILD_DIR);
