import { DateInput, type DateInputProps } from '@mantine/dates';
import { displayDateFormat } from './format';

/** A date input showing dd/mm/yyyy; its value is the ISO yyyy-mm-dd string the API takes. */
export function DateField(props: Omit<DateInputProps, 'valueFormat'>) {
  return <DateInput valueFormat={displayDateFormat} clearable popoverProps={{ withinPortal: true }} {...props} />;
}
