import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from './platform/errors';
import { t } from './platform/i18n';

/**
 * The `loa` command. stdout carries only results (the JSON document with
 * --json); logs and progress go to stderr. Exit 0 on success, 1 when input is
 * refused, 2 on usage errors.
 */
const usage = `Cách dùng: loa <lệnh> [tùy chọn]

  serve [--role all|web|worker] [--port N]   chạy Loa (mặc định: all)
  migrate                                     áp dụng migration
  seed --demo                                 nạp dữ liệu mẫu
  users create-admin --email E --name N [--password P] [--unit CODE]
  units import FILE [--skip-invalid] [--json] nhập đơn vị từ CSV/XLSX
  units list [--json]                         liệt kê đơn vị
  people import FILE [--skip-invalid] [--json]
  plan import FILE --json                     đọc kế hoạch (DOCX, PDF, văn bản) thành bản nháp có cấu trúc
  plan render PLAN.json --format docx|pdf --out FILE
                                              xuất kế hoạch (JSON như plan import) ra DOCX/PDF theo Nghị định 30
  bench NAME [--json]                          đo hiệu năng (org, plans, portal, sites, monitor, monitor-alert, incidents)
  monitor source add URL [--name N] [--interval GIÂY]   thêm nguồn tin theo dõi báo chí
  monitor poll --once                          lấy tin từ mọi nguồn một lần rồi thoát
  monitor export --json [--since NGÀY]         xuất mọi tin đã thu (JSON)
`;

function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}
function err(s: string) {
  process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
}

/** A one-line progress bar on stderr (only when it is a terminal; a plain line otherwise). */
function progressPrinter(label: string) {
  let last = -1;
  return (done: number, total: number) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (pct === last) return;
    last = pct;
    if (process.stderr.isTTY) {
      const bar = '█'.repeat(Math.floor(pct / 4)).padEnd(25, '░');
      process.stderr.write(`\r${label} ${bar} ${pct}%${pct === 100 ? '\n' : ''}`);
    } else if (pct % 10 === 0) {
      err(`${label} ${pct}%`);
    }
  };
}

async function withRuntime<T>(fn: () => Promise<T>): Promise<T> {
  const { openRuntime } = await import('./platform/runtime');
  const rt = await openRuntime();
  try {
    return await fn();
  } finally {
    await rt.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    out(usage);
    return cmd ? 0 : 2;
  }
  if (cmd === 'serve') {
    const { values } = parseArgs({ args: argv.slice(1), options: { role: { type: 'string' }, port: { type: 'string' } } });
    const role = (values.role ?? process.env.LOA_ROLE ?? 'all') as 'all' | 'web' | 'worker';
    if (!['all', 'web', 'worker'].includes(role)) {
      err(usage);
      return 2;
    }
    const { runServer } = await import('./server');
    await runServer({ role, port: values.port ? Number(values.port) : undefined });
    return -1; // keep running
  }
  if (cmd === 'migrate') {
    await withRuntime(async () => {});
    err('Đã áp dụng migration.');
    return 0;
  }
  if (cmd === 'seed') {
    if (sub !== '--demo') {
      err(usage);
      return 2;
    }
    const { seedDemo } = await import('./demo/demo.seed');
    const accounts = await withRuntime(seedDemo);
    err(`Đã nạp dữ liệu mẫu. Mật khẩu chung: ${accounts.password}`);
    for (const u of accounts.users) err(`  ${u.email}  ${u.label}`);
    return 0;
  }
  if (cmd === 'users' && sub === 'create-admin') {
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, unit: { type: 'string' } },
    });
    if (!values.email || !values.name) {
      err(usage);
      return 2;
    }
    const { createAdmin } = await import('./cli/create-admin');
    const r = await withRuntime(() =>
      createAdmin({ email: values.email as string, name: values.name as string, password: values.password, unitCode: values.unit }),
    );
    out(JSON.stringify({ id: r.id, email: r.email, unit: r.unitCode }));
    if (r.generatedPassword) err(`Mật khẩu tạm thời: ${r.generatedPassword}`);
    return 0;
  }
  if ((cmd === 'units' || cmd === 'people') && sub === 'import') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { 'skip-invalid': { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const file = positionals[0];
    if (!file) {
      err(usage);
      return 2;
    }
    if (!fs.existsSync(file)) {
      err(`Không tìm thấy tệp: ${file}`);
      return 1;
    }
    const data = fs.readFileSync(file);
    const { importFile } = await import('./modules/org');
    const { systemActor } = await import('./modules/audit');
    const r = await withRuntime(() =>
      importFile(systemActor, cmd, data, path.basename(file), {
        isSkippingInvalid: Boolean(values['skip-invalid']),
        onProgress: progressPrinter(cmd === 'units' ? 'Nhập đơn vị' : 'Nhập người dùng'),
      }),
    );
    const result = {
      ok: r.summary !== null,
      total: r.preview.total,
      valid: r.preview.valid,
      errors: r.preview.errors,
      ...(r.summary ?? {}),
    };
    if (values.json) out(JSON.stringify(result, null, 2));
    for (const e of r.preview.errors) err(`Dòng ${e.row} (${e.field}): ${e.message}`);
    if (!r.summary) {
      err(t('import.refused', { count: new Set(r.preview.errors.map((e) => e.row)).size }));
      return 1;
    }
    const msg = t('import.done', r.summary);
    if (values.json) err(msg);
    else out(msg);
    return 0;
  }
  if (cmd === 'units' && sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    const { listUnitsForExport } = await import('./modules/org');
    const rows = await withRuntime(() => listUnitsForExport());
    if (values.json) out(JSON.stringify(rows, null, 2));
    else for (const u of rows) out(`${u.code}\t${u.type}\t${u.name}\t${u.parent ?? ''}`);
    return 0;
  }
  if (cmd === 'plan' && sub === 'import') {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) {
      err(usage);
      return 2;
    }
    if (!fs.existsSync(file)) {
      err(`Không tìm thấy tệp: ${file}`);
      return 1;
    }
    // No database: the parser reads the file and prints the structured draft.
    const { importPlanFile } = await import('./modules/plans/import');
    const draft = await importPlanFile(file);
    out(JSON.stringify(draft, null, values.json ? 2 : 2));
    return 0;
  }
  if (cmd === 'plan' && sub === 'render') {
    // No database: validates the JSON, renders the DOCX (and the PDF through LibreOffice).
    const { planRenderCommand } = await import('./modules/plans/export/cli');
    return planRenderCommand(rest, { out, err });
  }
  if (cmd === 'monitor') {
    const { monitorCommand } = await import('./modules/monitoring/cli');
    return monitorCommand(argv.slice(1), { out, err });
  }
  if (cmd === 'bench') {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: { json: { type: 'boolean' }, size: { type: 'string' } },
    });
    const { runBench } = await import('../bench/index');
    return runBench(positionals[0], { isJson: Boolean(values.json), size: values.size ? Number(values.size) : undefined });
  }
  err(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof AppError) {
      err(t(e.messageKey, e.params));
      process.exit(1);
    }
    err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
