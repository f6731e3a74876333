import type ExcelJS from 'exceljs';

/**
 * A statement spreadsheet (Seller Center's XLSX export) as the CSV text the importer reads, with
 * one CSV line per sheet row so that every error names the row the operator sees in the sheet
 * (line 7 = row 7). The first worksheet is read; dates become YYYY-MM-DD, numbers their plain
 * decimal text, line breaks inside a cell a space. The same row checks then apply as for CSV.
 */
export async function xlsxStatementToCsv(data: Uint8Array): Promise<string> {
  // Loaded on first use, not at start: exceljs costs ~26 MiB of RSS, and every process that imports
  // this package (worker, scheduler, dashboard) would carry it while almost none reads a workbook.
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new Error(`statement file is not a readable XLSX workbook: ${(err as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('statement workbook has no worksheet');
  const lines: string[] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c).value));
    lines.push(cells.map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

function quote(v: string): string {
  const flat = v.replace(/\r?\n/g, ' ');
  return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}
