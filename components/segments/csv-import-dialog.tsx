"use client";

// Import a CSV of user ids into a manual segment: the file is read and checked in the
// browser (userId column or first column), shown as a summary, then sent in chunks.
import { useMutation } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { formatNumber } from "@/lib/client/format";
import { parseUserIdCsv, type UserIdImport } from "@/lib/segments/csv";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { addMembersInChunks } from "./import-members";

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const SHOWN_INVALID = 5;

export function CsvImportDialog({ segmentId, open, onClose, onImported }: { segmentId: string; open: boolean; onClose: () => void; onImported: () => void }) {
  const [file, setFile] = useState<{ name: string; parsed: UserIdImport } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const upload = useMutation({ mutationFn: (userIds: string[]) => addMembersInChunks(segmentId, userIds), onSuccess: onImported });

  const close = () => {
    setFile(null);
    setReadError(null);
    upload.reset();
    onClose();
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    upload.reset();
    setFile(null);
    setReadError(null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) return setReadError(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files.`);
    setFile({ name: chosen.name, parsed: parseUserIdCsv(await chosen.text()) });
  };

  const parsed = file?.parsed;
  const done = upload.data;
  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!upload.isPending}
      title="Import members from CSV"
      description="A file with a userId column (or user ids in the first column). Users not seen before are created, as events do."
      footer={
        done ? (
          <Button onClick={close}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close} disabled={upload.isPending}>
              Cancel
            </Button>
            <Button onClick={() => parsed && upload.mutate(parsed.userIds)} disabled={!parsed || parsed.userIds.length === 0} loading={upload.isPending}>
              {parsed && parsed.userIds.length > 0 ? `Import ${formatNumber(parsed.userIds.length)} ${parsed.userIds.length === 1 ? "user" : "users"}` : "Import"}
            </Button>
          </>
        )
      }
    >
      <div className="space-y-4">
        <label className="block">
          <span className="sr-only">CSV file</span>
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={choose}
            disabled={upload.isPending || !!done}
            data-testid="csv-file"
            className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
          />
        </label>
        {readError ? <Alert>{readError}</Alert> : null}
        {parsed ? (
          <dl className="grid grid-cols-3 gap-3" data-testid="csv-summary">
            <Stat label="User ids" value={parsed.userIds.length} />
            <Stat label="Invalid rows" value={parsed.invalid.length} tone={parsed.invalid.length ? "warning" : undefined} />
            <Stat label="Repeated" value={parsed.duplicates} />
          </dl>
        ) : null}
        {parsed ? (
          <p className="text-xs text-slate-500">
            {parsed.column ? `Read the “${parsed.column}” column of ${file!.name}.` : `No userId header found: read the first column of ${file!.name}.`}
          </p>
        ) : null}
        {parsed && parsed.invalid.length > 0 ? (
          <ul className="space-y-1 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">
            {parsed.invalid.slice(0, SHOWN_INVALID).map((row) => (
              <li key={row.row}>
                Row {row.row}: {row.reason}
                {row.value ? <span className="ml-1 font-mono">“{row.value}”</span> : null}
              </li>
            ))}
            {parsed.invalid.length > SHOWN_INVALID ? <li>…and {formatNumber(parsed.invalid.length - SHOWN_INVALID)} more, skipped.</li> : null}
          </ul>
        ) : null}
        {upload.error ? <Alert title="The import stopped">{upload.error.message} Members sent before the error were added.</Alert> : null}
        {done ? (
          <div role="status" className="rounded-lg bg-emerald-50 px-3.5 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200" data-testid="csv-result">
            Added {formatNumber(done.added)} {done.added === 1 ? "member" : "members"}
            {done.alreadyMembers ? `; ${formatNumber(done.alreadyMembers)} already were` : ""}
            {parsed?.invalid.length ? `; ${formatNumber(parsed.invalid.length)} invalid ${parsed.invalid.length === 1 ? "row" : "rows"} skipped` : ""}.
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: "warning" }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200/70">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={tone === "warning" ? "text-lg font-semibold text-amber-700 tabular-nums" : "text-lg font-semibold text-slate-900 tabular-nums"}>
        {formatNumber(value)}
      </dd>
    </div>
  );
}
