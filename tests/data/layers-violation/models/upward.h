// A model that reaches up into the widgets: the layer check must refuse it.
#include "ui/mainwindow.h"
