import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { initialBooking } from '@/lib/core/booking';
import type { Task } from '@/lib/core/entry';
import { assignments, defaultAccount, lastBooking, rules } from '@/lib/ui/state';

/** What the preselected booking is derived from (lib/core/booking.ts), as the page has it now. */
const bookingContext = () => ({
  lastBooking: lastBooking.value,
  defaultAccount: defaultAccount.value,
  assignments: assignments.value,
  rules: rules.value,
});

/**
 * The booking a new entry's form offers: preselected by lib/core/booking.ts and, until the user picks, following
 * the state as it arrives (rules, project lists, a newly linked default account).
 */
export function useBooking(task: Task | null) {
  const initial = useMemo(() => initialBooking(task, bookingContext()), [task]);
  const [booking, setBooking] = useState(initial.value);
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) setBooking(initialBooking(task, bookingContext()).value);
  }, [task, rules.value, assignments.value, defaultAccount.value]);
  return {
    booking,
    initial,
    choose(value: string) {
      touched.current = true;
      setBooking(value);
    },
    /** After a start: the next one is preselected afresh (the choice just made is remembered by then). */
    reset() {
      touched.current = false;
      setBooking(initialBooking(task, bookingContext()).value);
    },
  };
}
