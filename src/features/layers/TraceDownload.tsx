import type { ForwardTrace, ModelInfo } from '../../core/model/trace';
import { useEngineStore } from '../../session/engineStore';
import { pageProvenance } from '../../session/provenance';
import { downloadJson } from '../complexity';
import { layersFile, layersFileName } from './layersFile';
import { useLayersStore } from './layersStore';

/** "Download JSON" of the shown trace, the accuracy of the same settings, and provenance. */
export function TraceDownload({ trace, model }: { trace: ForwardTrace; model: ModelInfo }) {
  const save = () => {
    const { config, accuracy } = useLayersStore.getState();
    const provenance = pageProvenance(useEngineStore.getState().engine.report);
    const file = layersFile({ model, config, trace, accuracy: accuracy.result, provenance });
    downloadJson(file, layersFileName(model.id, trace.variant));
  };
  return (
    <button
      type="button"
      className="button layers-download"
      onClick={save}
      title="The trace (every layer's attention, residual flow, predictions) and the accuracy, with where they were computed"
    >
      Download JSON
    </button>
  );
}
