import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage } from './locale';

/**
 * The unit project reads English through t(), as a browser would (fakeBrowser's i18n API only throws "not
 * implemented"). fakeBrowser.reset() leaves i18n alone, so setting it once per test file is enough.
 */
fakeBrowser.i18n.getMessage = getMessage('en') as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
