// placeholder so the target has a source; replaced as the layer grows
namespace symshape { int tracer_placeholder = 0; }
