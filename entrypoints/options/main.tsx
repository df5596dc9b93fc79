import { render } from 'preact';
import { Options } from '@/components/options/Options';
import '@/components/style.css';
import { localizeDocument } from '@/lib/i18n';
import { connectState } from '@/lib/ui/state';

localizeDocument(document, 'options_title');
void connectState().then(() => render(<Options />, document.getElementById('app') as HTMLElement));
