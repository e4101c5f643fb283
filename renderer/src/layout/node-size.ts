// The size a step is laid out and fitted with on the canvas (its node draws at this width).
export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 68;
