#pragma once
// Greenroom's icon set (resources/icons): one drawn SVG per resource kind, state and action.
// Icons are vectors rendered at the size and device pixel ratio asked for (sharp on high-DPI
// screens); the strokes drawn in `currentColor` take the palette's text colour when painted,
// so they follow the light or dark theme. State colours (green, red, amber, blue) are fixed and
// read on both.

#include <QIcon>
#include <QList>
#include <QString>

namespace gr::ui
{

enum class IconId {
    // resource kinds
    Stage,
    Session,
    Participant,
    Composition,
    EncoderConfiguration,
    StorageConfiguration,
    PublicKey,
    IngestConfiguration,
    Event,
    // states
    Connected,
    Disconnected,
    Publishing,
    StoppedPublishing, // connected, published earlier in the session, not now
    Subscribing,
    Recording,
    Error,
    Warning,
    // actions
    New,
    Edit,
    Delete,
    Refresh,
    Live,
    Find,
    Copy,
    Export,
    Connect,
    Back,
    Forward,
};

QList<IconId> allIconIds();

// The file name without ".svg": "stage", "encoder-configuration", "refresh"...
QString iconName(IconId id);

// The themed icon. Cheap to call: rendering happens when it is painted, cached per size,
// mode and colour.
QIcon icon(IconId id);

// By name (iconName()); a null QIcon for an unknown name.
QIcon icon(const QString &name);

// The application icon (resources/icons/app/org.greenroom.Greenroom.svg), in its own colours.
QIcon applicationIcon();

} // namespace gr::ui
