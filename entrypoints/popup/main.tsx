import { render } from 'preact';
import '@/components/style.css';
import { localizeDocument } from '@/lib/i18n';
import { connectState } from '@/lib/ui/state';

localizeDocument(document, 'app_name');
// The first screen's state is asked for before the popup's components are loaded (a chunk of their own): the
// background's answer and the loading of that code overlap instead of following each other (with a week of entries
// read back, the answer is the larger part of the popup's first paint: popup_paint_ms_p95_readback).
const ready = connectState({ firstPaint: true });
void Promise.all([import('@/components/popup/Popup'), ready]).then(([{ Popup }]) =>
  render(<Popup />, document.getElementById('app') as HTMLElement),
);
