// 工作台's arrival-date filter. The date picker is the largest single part of the work bench's script, so it is
// loaded just after the first rows are drawn (Workbench shows a plain box of the same size until then).
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
}

export default function DateRangeFilter({ from, to, onChange }: Props) {
  return (
    <DatePicker.RangePicker
      className="filter-dates"
      aria-label="到达日期"
      placeholder={['到达日期起', '到达日期止']}
      allowEmpty={[true, true]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(range) => onChange(range?.[0]?.format('YYYY-MM-DD') ?? '', range?.[1]?.format('YYYY-MM-DD') ?? '')}
    />
  );
}
