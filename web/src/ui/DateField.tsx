import { DateInput, type DateInputProps } from '@mantine/dates';
import { displayDateFormat, parseTypedDate } from './format';

/** A date input showing dd/mm/yyyy; its value is the ISO yyyy-mm-dd string the API takes. Typing works as well as picking. */
export function DateField(props: Omit<DateInputProps, 'valueFormat'>) {
  return <DateInput valueFormat={displayDateFormat} dateParser={parseTypedDate} clearable popoverProps={{ withinPortal: true }} {...props} />;
}
