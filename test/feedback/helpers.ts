import { createConsultation } from '../../src/modules/feedback';
import { formToken } from '../../src/modules/sitecontent';
import { advanceClock, now } from '../../src/platform/clock';
import { db } from '../../src/platform/db';

/** A draft of a school regulation in real Vietnamese, with "Điều N" articles and a preamble. */
export const DRAFT_TEXT = `Quy chế này quy định việc sử dụng điện thoại di động của học sinh trong nhà trường.

Điều 1. Phạm vi điều chỉnh
Quy chế áp dụng trong giờ học chính khóa và các hoạt động giáo dục do nhà trường tổ chức.

Điều 2. Thời gian được sử dụng
Học sinh được sử dụng điện thoại trong giờ ra chơi và khi giáo viên cho phép phục vụ bài học.
Điều 3. Trách nhiệm của cha mẹ học sinh
Cha mẹ học sinh phối hợp với giáo viên chủ nhiệm nhắc nhở con em thực hiện quy chế.`;

const HOUR = 3_600_000;

/** An open consultation (opened an hour ago, closes in 10 days) of the unit. */
export async function openConsultation(unitId: number, userId: number | null = null, title = 'Dự thảo Quy chế sử dụng điện thoại di động của học sinh') {
  const at = now();
  return createConsultation({ userId, ip: null }, {
    unitId, title, summary: 'Nhà trường lấy ý kiến cha mẹ học sinh, học sinh và giáo viên.', text: DRAFT_TEXT,
    opensAt: new Date(at.getTime() - HOUR), closesAt: new Date(at.getTime() + 10 * 24 * HOUR),
  });
}

/** A form token signed now, then the clock moved past the 3-second minimum. */
export async function freshToken(unitId: number): Promise<string> {
  const tok = await formToken(db(), unitId);
  advanceClock(4_000);
  return tok;
}
