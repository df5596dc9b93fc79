import { render } from 'preact';
import { Options } from '@/components/Options';
import '@/components/style.css';
import { connectState } from '@/lib/ui-state';

void connectState().then(() => render(<Options />, document.getElementById('app') as HTMLElement));
