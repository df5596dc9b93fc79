import { render } from 'preact';
import '@/components/style.css';
import { Welcome } from '@/components/welcome/Welcome';
import { localizeDocument } from '@/lib/i18n';
import { connectState } from '@/lib/ui/state';

// Opened once, by the background, when Stint is installed (runtime.onInstalled, reason 'install').
localizeDocument(document, 'welcome_title');
void connectState().then(() => render(<Welcome />, document.getElementById('app') as HTMLElement));
