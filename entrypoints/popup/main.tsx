import { render } from 'preact';
import { Popup } from '@/components/Popup';
import '@/components/style.css';
import { connectState } from '@/lib/ui-state';

void connectState().then(() => render(<Popup />, document.getElementById('app') as HTMLElement));
