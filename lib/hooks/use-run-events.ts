"use client";

import { useCallback, useEffect, useReducer } from "react";
import type { RunDetail, RunLogLine, RunStatus } from "@/lib/scaffold-runs";

const finished: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "cancelled"]);

/** Whether a run has stopped for good (until a retry queues a failed one again). */
export const isFinished = (status: RunStatus) => finished.has(status);

/**
 * `live`: the stream is open; `reconnecting`: it dropped and EventSource is trying again (it sends
 * Last-Event-ID, so no line is lost or repeated); `closed`: the browser gave up; `ended`: the run
 * finished and every line arrived.
 */
export type RunConnection = "connecting" | "live" | "reconnecting" | "closed" | "ended";

interface State {
  run: RunDetail;
  lines: RunLogLine[];
  connection: RunConnection;
  /** Bumped to open a new stream (after a retry). */
  generation: number;
}

type Action =
  | { type: "run"; run: RunDetail }
  | { type: "log"; line: RunLogLine }
  | { type: "connection"; connection: RunConnection }
  | { type: "restart"; run: RunDetail };

// Log ids only grow; a new stream (after a retry) starts from the first line again.
const isNewer = (line: RunLogLine, lines: RunLogLine[]) => {
  const last = lines.at(-1);
  return !last || BigInt(line.id) > BigInt(last.id);
};

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "run":
      return { ...state, run: action.run };
    case "log":
      return isNewer(action.line, state.lines) ? { ...state, lines: [...state.lines, action.line] } : state;
    case "connection":
      return state.connection === "ended" ? state : { ...state, connection: action.connection };
    case "restart":
      return { ...state, run: action.run, connection: "connecting", generation: state.generation + 1 };
  }
}

/**
 * A run kept up to date from `GET /api/scaffold/runs/{id}/events`: the server-rendered state and
 * log first, then every `run` and `log` event, until `end`. `restart` follows a retried run again.
 */
export function useRunEvents(initial: RunDetail, initialLines: RunLogLine[]) {
  const [state, dispatch] = useReducer(reducer, {
    run: initial,
    lines: initialLines,
    connection: isFinished(initial.status) ? "ended" : "connecting",
    generation: 0,
  });
  const streaming = state.connection !== "ended";
  const id = state.run.id;

  useEffect(() => {
    if (!streaming) return;
    const source = new EventSource(`/api/scaffold/runs/${encodeURIComponent(id)}/events`);
    const parse = <T>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;
    source.onopen = () => dispatch({ type: "connection", connection: "live" });
    source.addEventListener("log", (event) => dispatch({ type: "log", line: parse<RunLogLine>(event) }));
    source.addEventListener("run", (event) => dispatch({ type: "run", run: parse<RunDetail>(event) }));
    source.addEventListener("end", () => {
      source.close();
      dispatch({ type: "connection", connection: "ended" });
    });
    // Both a dropped connection and the server's own `error` event (it then closes the stream):
    // EventSource reconnects by itself unless the server refused the stream outright.
    source.onerror = () =>
      dispatch({
        type: "connection",
        connection: source.readyState === EventSource.CLOSED ? "closed" : "reconnecting",
      });
    return () => source.close();
    // `generation` opens a fresh stream after a retry.
  }, [id, streaming, state.generation]);

  const setRun = useCallback((run: RunDetail) => dispatch({ type: "run", run }), []);
  const restart = useCallback((run: RunDetail) => dispatch({ type: "restart", run }), []);
  return { run: state.run, lines: state.lines, connection: state.connection, setRun, restart };
}
