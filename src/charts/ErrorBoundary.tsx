import { Component, type ComponentType, type ErrorInfo, type ReactNode } from 'react';

/**
 * Keeps a failure inside one screen or one chart: the part that threw shows a message, what was
 * kept, and a retry; the header, the other charts and the stores go on working.
 */
export interface ErrorBoundaryProps {
  /** "the time chart", "this screen": named in the message. */
  what: string;
  /** What the reader still has (e.g. "the results and the other charts are unchanged"). */
  kept?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for a bug report; the page shows the short form.
    console.error(`${this.props.what} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="notice error" role="alert" data-testid="error-boundary">
        <strong>{capitalised(this.props.what)} could not be drawn:</strong>{' '}
        {error.message.slice(0, 300)}. {this.props.kept ?? 'The rest of the page is unchanged.'}{' '}
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A chart that keeps its own failure: the same component inside an ErrorBoundary naming it, so
 * every place that draws the chart is covered without wrapping each call site.
 */
export function guarded<P extends { title: string }>(Chart: ComponentType<P>): ComponentType<P> {
  function Guarded(props: P) {
    return (
      <ErrorBoundary
        what={`the chart “${props.title}”`}
        kept="The other charts and the results are unchanged."
      >
        <Chart {...props} />
      </ErrorBoundary>
    );
  }
  Guarded.displayName = `Guarded(${Chart.displayName ?? Chart.name})`;
  return Guarded;
}
