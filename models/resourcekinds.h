#pragma once
// What each kind of resource of IVS Real-Time is to the console, in one typed place: its list,
// how one is fetched and named, which operations create, update and remove it, and the words
// the console uses for them. The navigator, the pages, their context menus, the Administer menu
// and the detail pane look things up here; adding a kind is one entry in resourcekinds.cpp.

#include "ivs/operations.h"
#include "models/resourcelistmodel.h"

#include <optional>

namespace gr::models
{

enum class Kind {
    Stage,
    Session,
    Participant,
    Event,
    Composition,
    EncoderConfiguration,
    StorageConfiguration,
    PublicKey,
    IngestConfiguration,
};

// Where a list or a resource lives: a session's participants need the stage and session.
struct Scope {
    QString stageArn;
    QString sessionId;
    QString participantId;
    bool operator==(const Scope &o) const
    {
        return stageArn == o.stageArn && sessionId == o.sessionId &&
               participantId == o.participantId;
    }
};

// An action a row's context menu offers besides the kind's own create/update/remove.
struct RowAction {
    QString text;      // "Copy stream key"
    QString operation; // the form it opens ("StartParticipantReplication"), or an action id
    // Whether a row offers it (e.g. replication only for CONNECTED participants).
    std::function<bool(const QJsonObject &row)> offered;
};

struct ResourceKind {
    Kind kind = Kind::Stage;
    QString id;       // stable name, for settings and tests: "stages", "ingest"...
    QString singular; // "Stage"
    QString plural;   // "Stages"
    QString purpose;  // one line for a new user: what it is for (the navigator's tool tip)
    bool inNavigator = false;
    QString keyField = QStringLiteral("arn"); // the row member that identifies it
    QString nameField = QStringLiteral("name");
    std::function<ListSpec(const Scope &)> list;

    std::optional<ivs::Operation> get;
    QString getOutput; // the Get output member holding the resource ("stage")

    std::optional<ivs::Operation> create; // also "Duplicate as new…" for kinds without update
    std::optional<ivs::Operation> update;
    std::optional<ivs::Operation> remove; // delete, stop or disconnect
    QString removeVerb;                   // "Delete", "Stop", "Disconnect"
    QString removeConsequence;            // said in the confirmation, may be empty
    // Rows that can be removed (a composition that already stopped cannot be stopped).
    std::function<bool(const QJsonObject &row)> removable;
    bool taggable = false;
    QList<RowAction> rowActions;

    // The input of Get/Update/Remove for the resource with this key.
    QJsonObject inputFor(const Scope &scope, const QString &key) const;
    // "alice", "show-1", or the ARN's resource id when it has no name.
    QString displayName(const QJsonObject &row) const;
    bool canRemove(const QJsonObject &row) const;
};

const ResourceKind &resourceKind(Kind kind);
// By `id` ("stages"); null if there is none.
const ResourceKind *resourceKindById(const QString &id);
// The kinds the navigator lists, in its order.
QList<Kind> navigatorKinds();
// The kind an operation creates, updates or removes, if any.
const ResourceKind *resourceKindOfOperation(ivs::Operation operation);
// The kind of a resource by its ARN ("arn:aws:ivs:...:stage/abc" is a stage).
const ResourceKind *resourceKindOfArn(const QString &arn);

} // namespace gr::models
