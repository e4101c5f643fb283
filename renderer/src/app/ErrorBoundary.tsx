// A part of the studio that fails to render shows what went wrong and a way to retry, instead
// of taking the whole window down with it; the work in the other parts stays.
import { AlertCircle } from 'lucide-react';
import { Component } from 'react';
import type { ReactNode } from 'react';

interface Props {
  area: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="render-error" data-testid="render-error" role="alert">
        <AlertCircle size={15} />
        <span>
          The {this.props.area} failed to show: {this.state.error.message}
        </span>
        <button type="button" className="button small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
