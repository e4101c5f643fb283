/** The drag-and-drop type a palette item carries: the template's id. */
export const TEMPLATE_DRAG_TYPE = 'application/x-pipewright-template';
