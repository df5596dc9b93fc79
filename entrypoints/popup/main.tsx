import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import '@/components/style.css';
import { localizeDocument } from '@/lib/i18n';
import { connectState } from '@/lib/ui/state';

localizeDocument(document, 'app_name');
void connectState({ firstPaint: true }).then(() => render(<Popup />, document.getElementById('app') as HTMLElement));
