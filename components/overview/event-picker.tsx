"use client";

// The names on the events chart: chips to remove, a list of the app's event names to add.
import { useQuery } from "@tanstack/react-query";
import { eventsApi } from "@/lib/client/connectors";
import { eventKeys } from "@/lib/client/query-keys";
import { CloseIcon } from "../ui/icons";

const MAX_COMPARED = 10;

export function EventPicker({ selected, onChange, colors }: { selected: string[]; onChange: (names: string[]) => void; colors: string[] }) {
  const names = useQuery({ queryKey: eventKeys.names, queryFn: ({ signal }) => eventsApi.names(signal), staleTime: 60_000 });
  const addable = (names.data?.names ?? []).map((n) => n.event).filter((name) => !selected.includes(name));

  return (
    <div className="flex flex-wrap items-center gap-2">
      {selected.map((name, i) => (
        <span key={name} className="inline-flex items-center gap-1.5 rounded-full bg-slate-50 py-1 pr-1 pl-2.5 text-xs ring-1 ring-slate-200">
          <span aria-hidden="true" className="size-2 rounded-full" style={{ background: colors[i] }} />
          <span className="font-mono font-medium text-slate-700">{name}</span>
          <button
            type="button"
            onClick={() => onChange(selected.filter((n) => n !== name))}
            aria-label={`Remove ${name} from the chart`}
            className="rounded-full p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
          >
            <CloseIcon className="size-3" />
          </button>
        </span>
      ))}
      {selected.length < MAX_COMPARED && addable.length > 0 ? (
        <select
          aria-label="Add an event to compare"
          value=""
          onChange={(e) => e.target.value && onChange([...selected, e.target.value])}
          className="rounded-full border-0 bg-white py-1 pr-7 pl-3 text-xs font-medium text-brand-700 ring-1 ring-brand-200 ring-inset hover:bg-brand-50 focus:ring-2 focus:ring-brand-500"
        >
          <option value="">+ Compare event</option>
          {addable.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
