// The finish of the console, through the window on an in-process local service: icons and the
// toolbar, light and dark themes, the window restored after a restart, keyboard focus and
// accessible names, a production connection's typed confirmation, the first-run page and
// File → Connect. Screenshots of each, in both themes, under test-output/screenshots.

#include "localconnection.h"
#include "localharness.h"
#include "models/format.h"
#include "models/resourcelistmodel.h"
#include "models/roles.h"
#include "models/stagetreemodel.h"
#include "screenshot.h"
#include "ui/connectdialog.h"
#include "ui/connectionidentity.h"
#include "ui/detailpane.h"
#include "ui/listpage.h"
#include "ui/mainwindow.h"
#include "ui/participantpage.h"
#include "ui/preferencesdialog.h"
#include "ui/sessionpage.h"
#include "ui/theme.h"
#include "ui/typedconfirmdialog.h"
#include "ui/welcomepage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace gr;

namespace
{

// WCAG relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

int rowOfKey(QAbstractItemModel *model, const QString &key)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data(models::KeyRole).toString() == key)
            return r;
    return -1;
}

QModelIndex treeRowOfKey(models::StageTreeModel *tree, const QString &key)
{
    for (int r = 0; r < tree->rowCount(); ++r)
        if (tree->index(r, 0).data(models::KeyRole).toString() == key)
            return tree->index(r, 0);
    return {};
}

// Runs `handler` on the next modal dialog of type T, once it is shown.
template <typename T> void onNextDialog(std::function<void(T *)> handler)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, handler] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            handler(dialog);
        }
    });
    timer->start();
}

// The rows of a test shot in both themes: column `dark`, rows "light" and "dark".
void addThemeRows()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}
} // namespace

class TestFinish : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void iconsAndToolbar_data();
    void iconsAndToolbar();
    void stateColoursReadOnDark();
    void restoredAfterRestart_data();
    void restoredAfterRestart();
    void sessionPageRestored();
    void keyboardAndAccessibleNames();
    void productionAsksForTheName();
    void productionDisconnectAsksForTheName();
    void firstRunPage_data();
    void firstRunPage();
    void connectOpensTheChosenProfile();
    void readmePicture();

private:
    std::unique_ptr<LocalHarness> m_h;
    QString m_stage;
    QString m_session;
    QString m_viewer;
};

void TestFinish::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings in a test location, cleared below
}

void TestFinish::init()
{
    QSettings().clear();
    ui::Theme::instance()->apply(ui::ColorScheme::Light);
    m_h = std::make_unique<LocalHarness>();
    QVERIFY2(m_h->ok(), qPrintable(m_h->error()));
    m_stage = m_h->createStage(QStringLiteral("town-hall"));
    m_h->createStage(QStringLiteral("podcast-studio"));
    m_h->createStage(QStringLiteral("quiet-room"));
    const auto host = m_h->join(m_stage, QStringLiteral("alice"), true);
    const auto viewer = m_h->join(m_stage, QStringLiteral("chen"));
    m_h->plane("subscribe", {{QStringLiteral("stageArn"), m_stage},
                             {QStringLiteral("participantId"), viewer.participantId},
                             {QStringLiteral("remoteParticipantId"), host.participantId}});
    m_session = host.sessionId;
    m_viewer = viewer.participantId;
}

void TestFinish::cleanup()
{
    m_h.reset();
    QSettings().clear();
    ui::Theme::instance()->apply(ui::ColorScheme::Light);
}

void TestFinish::iconsAndToolbar_data()
{
    addThemeRows();
}

void TestFinish::iconsAndToolbar()
{
    QFETCH(bool, dark);
    ui::Theme::instance()->apply(dark ? ui::ColorScheme::Dark : ui::ColorScheme::Light);
    LocalConsole window(m_h->service()->url());
    window.resize(1400, 860);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);

    // The toolbar: each action with an icon, a button, and its shortcut in the tool tip.
    QToolBar *toolbar = window.mainToolBar();
    QVERIFY(toolbar);
    for (const char *name : {"new", "edit", "delete", "refresh", "live", "find"}) {
        QAction *action = window.action(QLatin1String(name));
        QVERIFY2(action, name);
        QVERIFY2(!action->icon().isNull(), name);
        QVERIFY2(toolbar->actions().contains(action), name);
        QVERIFY2(toolbar->widgetForAction(action)->isVisible(), name);
        QVERIFY2(!action->shortcut().isEmpty(), name);
        QVERIFY2(action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)),
                 qPrintable(action->toolTip()));
    }
    // Navigator kinds and the View and Administer menus have icons.
    for (int r = 0; r < window.categories()->count(); ++r)
        QVERIFY(!window.categories()->item(r)->icon().isNull());
    int menusChecked = 0;
    for (QAction *menuAction : window.menuBar()->actions()) {
        const QString title = menuAction->text().remove(QLatin1Char('&'));
        if (title != QLatin1String("View") && title != QLatin1String("Administer"))
            continue;
        ++menusChecked;
        int withIcon = 0, entries = 0;
        for (QAction *a : menuAction->menu()->actions()) {
            if (a->isSeparator())
                continue;
            ++entries;
            withIcon += a->icon().isNull() ? 0 : 1;
        }
        if (title == QLatin1String("Administer"))
            QCOMPARE(withIcon, entries); // every operation
        else
            // every kind, Refresh and Live
            QVERIFY2(withIcon >= int(models::navigatorKinds().size()) + 2,
                     qPrintable(QString::number(withIcon)));
    }
    QCOMPARE(menusChecked, 2);

    // The tree paints a node icon: open the stage and its session.
    models::StageTreeModel *tree = window.treeModel();
    QTRY_VERIFY_WITH_TIMEOUT(treeRowOfKey(tree, m_stage).isValid(), 10000);
    const QModelIndex stage = treeRowOfKey(tree, m_stage);
    window.stageTree()->expand(stage);
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(stage), 1, 10000);
    window.stageTree()->expand(tree->index(0, 0, stage));
    QTRY_COMPARE_WITH_TIMEOUT(tree->rowCount(tree->index(0, 0, stage)), 2, 10000);
    auto *delegate = window.stageTree()->itemDelegateForIndex(stage);
    QVERIFY(delegate && delegate != window.stageTree()->itemDelegate());
    QTest::qWait(150);
    shoot(&window, QStringLiteral("finish-toolbar-%1.png").arg(dark ? "dark" : "light"));

    // The lists' context menu: every entry with an icon.
    QVERIFY(window.showKind(models::Kind::Stage));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);
    window.table()->selectRow(0);
    QStringList entries;
    auto *poll = new QTimer(&window);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, [&entries, poll] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll->stop();
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                entries << (a->icon().isNull() ? QStringLiteral("NO ICON ") : QString()) +
                               a->text();
        menu->close();
    });
    poll->start();
    emit window.table()->customContextMenuRequested(
        window.table()->visualRect(window.table()->model()->index(0, 0)).center());
    QVERIFY2(entries.size() >= 4, qPrintable(entries.join(QLatin1Char('|'))));
    QVERIFY2(!entries.join(QLatin1Char('|')).contains(QLatin1String("NO ICON")),
             qPrintable(entries.join(QLatin1Char('|'))));
}

void TestFinish::stateColoursReadOnDark()
{
    // Every state colour against the base it is painted on, in both palettes (3:1 at least,
    // WCAG's floor for large text and graphics; the light ones already pass it).
    const QStringList states{QStringLiteral("ACTIVE"), QStringLiteral("STARTING"),
                             QStringLiteral("FAILED"), QStringLiteral("STOPPED"),
                             QStringLiteral("DISCONNECTED")};
    for (const auto scheme : {ui::ColorScheme::Light, ui::ColorScheme::Dark}) {
        ui::Theme::instance()->apply(scheme);
        const QColor base = QApplication::palette().color(QPalette::Base);
        const QColor alternate = QApplication::palette().color(QPalette::AlternateBase);
        for (const QString &state : states) {
            const QColor colour = models::stateColor(state);
            QVERIFY(colour.isValid());
            QVERIFY2(contrast(colour, base) >= 3.0 && contrast(colour, alternate) >= 3.0,
                     qPrintable(QStringLiteral("%1 %2 on %3: %4")
                                    .arg(state, colour.name(), base.name())
                                    .arg(contrast(colour, base))));
        }
    }
}

void TestFinish::restoredAfterRestart_data()
{
    addThemeRows();
}

void TestFinish::restoredAfterRestart()
{
    QFETCH(bool, dark);
    ui::Theme::instance()->apply(dark ? ui::ColorScheme::Dark : ui::ColorScheme::Light);
    const QString theme = QLatin1String(dark ? "dark" : "light");
    const QUrl url = m_h->service()->url();
    QList<int> mainSizes, navSizes;
    {
        LocalConsole window(url);
        window.resize(1400, 860);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);
        // Columns: a width, an order; a filter; a selection; an expanded stage; splitters.
        QHeaderView *header = window.table()->horizontalHeader();
        header->resizeSection(0, 333);
        header->moveSection(1, 3);
        window.listPage()->filterBox()->setText(QStringLiteral("town"));
        QTRY_COMPARE(window.table()->model()->rowCount(), 1);
        window.table()->selectRow(0);
        QTRY_COMPARE_WITH_TIMEOUT(window.detail()->identity(), m_stage, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(treeRowOfKey(window.treeModel(), m_stage).isValid(), 10000);
        window.stageTree()->expand(treeRowOfKey(window.treeModel(), m_stage));
        window.mainSplitter()->setSizes({250, 800, 350});
        window.navigatorSplitter()->setSizes({120, 500});
        mainSizes = window.mainSplitter()->sizes();
        navSizes = window.navigatorSplitter()->sizes();
        shoot(&window, QStringLiteral("finish-restore-1-before-%1.png").arg(theme));
        QVERIFY(window.close());
    }
    LocalConsole window(url);
    window.resize(1400, 860);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.listPage());
    QCOMPARE(window.listPage()->kind().kind, models::Kind::Stage);
    QCOMPARE(window.listPage()->filterBox()->text(), QStringLiteral("town"));
    QHeaderView *header = window.table()->horizontalHeader();
    QTRY_COMPARE_WITH_TIMEOUT(window.table()->model()->rowCount(), 1, 10000);
    QCOMPARE(header->sectionSize(0), 333); // not fitted to the rows again
    QCOMPARE(header->visualIndex(1), 3);
    QTRY_COMPARE_WITH_TIMEOUT(window.listPage()->selectedKey(), m_stage, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.detail()->identity(), m_stage, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(treeRowOfKey(window.treeModel(), m_stage).isValid(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.stageTree()->isExpanded(treeRowOfKey(window.treeModel(), m_stage)), 10000);
    QCOMPARE(window.mainSplitter()->sizes(), mainSizes);
    QCOMPARE(window.navigatorSplitter()->sizes(), navSizes);
    QTest::qWait(100);
    shoot(&window, QStringLiteral("finish-restore-2-after-%1.png").arg(theme));
}

void TestFinish::sessionPageRestored()
{
    const QUrl url = m_h->service()->url();
    {
        LocalConsole window(url);
        window.resize(1400, 860);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showSession(m_stage, m_session, m_viewer));
        QTRY_VERIFY_WITH_TIMEOUT(window.eventsModel() && window.eventsModel()->rowCount() >= 2,
                                 10000);
        window.events()->horizontalHeader()->resizeSection(0, 222);
        QVERIFY(window.close());
    }
    LocalConsole window(url);
    window.resize(1400, 860);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.sessionPage());
    QCOMPARE(window.sessionPage()->scope().sessionId, m_session);
    QTRY_VERIFY_WITH_TIMEOUT(window.eventsModel() && window.eventsModel()->rowCount() >= 2, 10000);
    QCOMPARE(window.sessionPage()->participant()->scope().participantId, m_viewer);
    QCOMPARE(window.events()->horizontalHeader()->sectionSize(0), 222);

    // On another connection the session is not this account's: the first kind is shown.
    ui::MainWindow other({localChoice(QStringLiteral("Another account"))},
                         localConnectionFactory(url));
    other.show();
    other.openConnection(0);
    QVERIFY(!other.sessionPage());
    QVERIFY(other.listPage());
    QCOMPARE(other.listPage()->kind().kind, models::Kind::Stage);
}

void TestFinish::keyboardAndAccessibleNames()
{
    LocalConsole window(m_h->service()->url());
    window.resize(1400, 860);
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 3, 10000);
    window.table()->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(!window.detail()->identity().isEmpty(), 10000);

    // Ctrl+1/2/3 and F6: navigator, page, detail pane.
    auto inside = [](QWidget *area) {
        QWidget *focus = QApplication::focusWidget();
        return focus && (focus == area || area->isAncestorOf(focus));
    };
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QTRY_VERIFY(inside(window.detail()));
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(inside(window.navigatorSplitter()));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QTRY_VERIFY(QApplication::focusWidget() == window.table());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QTRY_VERIFY(inside(window.detail()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
    QTRY_VERIFY(inside(window.navigatorSplitter()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6, Qt::ShiftModifier);
    QTRY_VERIFY(inside(window.detail()));
    // Ctrl+F ("filter") goes to the page's filter box; the toolbar's Find is the Find dialog.
    window.action(QStringLiteral("filter"))->trigger();
    QTRY_VERIFY(QApplication::focusWidget() == window.listPage()->filterBox());

    // Edit → Preferences… (Ctrl+,) opens the preferences.
    QAction *preferences = window.action(QStringLiteral("preferences"));
    QCOMPARE(preferences->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    bool editMenuHasIt = false;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->text() == QLatin1String("&Edit"))
            editMenuHasIt = menu->menu()->actions().contains(preferences);
    QVERIFY(editMenuHasIt);
    bool opened = false;
    onNextDialog<ui::PreferencesDialog>([&](ui::PreferencesDialog *dialog) {
        opened = true;
        dialog->reject();
    });
    preferences->trigger();
    QVERIFY(opened);

    // Every focusable control without a visible label of its own has an accessible name.
    QStringList unnamed;
    for (QWidget *w : window.findChildren<QWidget *>()) {
        if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus)
            continue;
        const bool labelled = (qobject_cast<QAbstractButton *>(w) &&
                               !qobject_cast<QAbstractButton *>(w)->text().isEmpty());
        const bool needsName = qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
                               qobject_cast<QToolButton *>(w) ||
                               qobject_cast<QAbstractItemView *>(w);
        if (!needsName || labelled || !w->accessibleName().isEmpty())
            continue;
        // A form label (QLabel::setBuddy) names its field.
        bool hasBuddy = false;
        for (QLabel *label : window.findChildren<QLabel *>())
            hasBuddy |= label->buddy() == w;
        if (!hasBuddy)
            unnamed << QStringLiteral("%1 '%2'").arg(QLatin1String(w->metaObject()->className()),
                                                     w->objectName());
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestFinish::productionAsksForTheName()
{
    // The connection is marked production before the window opens it.
    ui::ConnectionIdentity identity =
        ui::ConnectionIdentity::defaultsFor(QStringLiteral("Local service"));
    identity.label = QStringLiteral("Live account");
    identity.color = QColor(0xc0, 0x1c, 0x28);
    identity.production = true;
    ui::ConnectionIdentityStore().save(identity);

    for (bool dark : {false, true}) {
        ui::Theme::instance()->apply(dark ? ui::ColorScheme::Dark : ui::ColorScheme::Light);
        LocalConsole window(m_h->service()->url());
        window.resize(1400, 860);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(QStringLiteral("Live account")));
        QVERIFY(window.connectionBadge()->text().contains(QStringLiteral("Live account")));
        QVERIFY(window.connectionBadge()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), dark ? 2 : 3, 10000);
        const QString quiet = [&] {
            for (int r = 0; r < window.listModel()->rowCount(); ++r)
                if (window.listModel()->rowJson(r).value(QLatin1String("name")).toString() ==
                    QLatin1String("quiet-room"))
                    return window.listModel()->rowJson(r).value(QLatin1String("arn")).toString();
            return QString();
        }();
        if (dark) {
            // Cancel this time: nothing is deleted.
            QVERIFY(quiet.isEmpty());
            const int row = rowOfKey(window.table()->model(), m_stage);
            QVERIFY(row >= 0);
            window.table()->selectRow(row);
            bool shown = false;
            onNextDialog<ui::TypedConfirmDialog>([&](ui::TypedConfirmDialog *dialog) {
                shown = true;
                auto *typed = dialog->findChild<QLineEdit *>(QStringLiteral("typedName"));
                typed->setText(QStringLiteral("town-hal")); // not quite
                QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("confirm"))->isEnabled());
                shoot(dialog, QStringLiteral("finish-typed-confirm-dark.png"));
                dialog->reject();
            });
            window.removeSelected();
            QVERIFY(shown);
            QTest::qWait(300);
            QCOMPARE(window.listModel()->rowCount(), 2);
            shoot(&window, QStringLiteral("finish-production-dark.png"));
            continue;
        }
        QVERIFY(!quiet.isEmpty());
        const int row = rowOfKey(window.table()->model(), quiet);
        window.table()->selectRow(row);
        QTRY_COMPARE_WITH_TIMEOUT(window.detail()->identity(), quiet, 10000);
        bool shown = false;
        onNextDialog<ui::TypedConfirmDialog>([&](ui::TypedConfirmDialog *dialog) {
            shown = true;
            // The account and region the delete hits, from the ARN.
            const QString where = dialog->findChild<QLabel *>(QStringLiteral("where"))->text();
            QVERIFY2(where.contains(QStringLiteral("123456789012")), qPrintable(where));
            QVERIFY2(where.contains(QStringLiteral("us-east-1")), qPrintable(where));
            auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("confirm"));
            QVERIFY(!ok->isEnabled());
            auto *typed = dialog->findChild<QLineEdit *>(QStringLiteral("typedName"));
            QTest::keyClicks(typed, QStringLiteral("quiet-room"));
            QVERIFY(ok->isEnabled());
            shoot(dialog, QStringLiteral("finish-typed-confirm-light.png"));
            ok->click();
        });
        window.removeSelected();
        QVERIFY(shown);
        QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 2, 10000);
        shoot(&window, QStringLiteral("finish-production-light.png"));
    }
}

void TestFinish::productionDisconnectAsksForTheName()
{
    ui::ConnectionIdentity identity =
        ui::ConnectionIdentity::defaultsFor(QStringLiteral("Local service"));
    identity.production = true;
    ui::ConnectionIdentityStore().save(identity);
    LocalConsole window(m_h->service()->url());
    window.resize(1400, 860);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showSession(m_stage, m_session, m_viewer));
    QTRY_COMPARE_WITH_TIMEOUT(window.listPage()->selectedKey(), m_viewer, 10000);
    // Refused: no reason is asked, nobody is disconnected.
    QString expected;
    onNextDialog<ui::TypedConfirmDialog>([&](ui::TypedConfirmDialog *dialog) {
        expected = dialog->expectedText();
        dialog->reject();
    });
    window.removeSelected();
    QCOMPARE(expected, m_viewer);
    QVERIFY(!QApplication::activeModalWidget());
    window.refresh();
    QTest::qWait(500);
    const int row = window.listModel()->rowOfKey(m_viewer);
    QVERIFY(row >= 0);
    QCOMPARE(window.listModel()->rowJson(row).value(QLatin1String("state")).toString(),
             QStringLiteral("CONNECTED"));
}

void TestFinish::firstRunPage_data()
{
    addThemeRows();
}

void TestFinish::firstRunPage()
{
    QFETCH(bool, dark);
    ui::Theme::instance()->apply(dark ? ui::ColorScheme::Dark : ui::ColorScheme::Light);
    LocalConsole window(m_h->service()->url());
    window.resize(1400, 860);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showWelcome(QStringLiteral("/home/user/.aws/config:3: expected a [section]"));
    auto *welcome = qobject_cast<ui::WelcomePage *>(window.currentPage());
    QVERIFY(welcome);
    QTRY_VERIFY_WITH_TIMEOUT(treeRowOfKey(window.treeModel(), m_stage).isValid(), 10000);
    QTest::qWait(150);
    shoot(&window, QStringLiteral("finish-first-run-%1.png").arg(dark ? "dark" : "light"));

    // Its links navigate the window.
    emit welcome->eventsRequested();
    QVERIFY(window.sessionPage());
    QCOMPARE(window.sessionPage()->scope().sessionId, m_session);
    window.showWelcome();
    emit qobject_cast<ui::WelcomePage *>(window.currentPage())->stagesRequested();
    QVERIFY(window.listPage());
    QCOMPARE(window.listPage()->kind().kind, models::Kind::Stage);
    window.showWelcome();
    emit qobject_cast<ui::WelcomePage *>(window.currentPage())->liveRequested();
    QVERIFY(window.action(QStringLiteral("live"))->isChecked());
    QTRY_VERIFY(window.listPage() && window.listPage()->scope().stageArn == m_stage);
    // Closing on the welcome page does not make it the page restored next time.
    window.showWelcome();
    QVERIFY(window.close());
    LocalConsole again(m_h->service()->url());
    QVERIFY(again.listPage());
    QCOMPARE(again.listPage()->kind().kind, models::Kind::Stage);
}

void TestFinish::connectOpensTheChosenProfile()
{
    // A config file of the user's with one usable profile; the window's factory records the
    // profile it was asked to open.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QFile config(home.filePath(QStringLiteral("config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile studio]\nregion = eu-west-1\naws_access_key_id = AKIDEXAMPLE\n"
                 "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n");
    config.close();
    qputenv("AWS_CONFIG_FILE", config.fileName().toLocal8Bit());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", home.filePath(QStringLiteral("none")).toLocal8Bit());

    QStringList opened;
    const QUrl url = m_h->service()->url();
    auto base = localConnectionFactory(url);
    ui::MainWindow window({localChoice()}, [&](const ui::ConnectionChoice &choice) {
        opened << choice.profile;
        return base(choice);
    });
    window.show();
    window.openConnection(0);
    bool shown = false;
    onNextDialog<ui::ConnectDialog>([&](ui::ConnectDialog *dialog) {
        shown = true;
        auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("profiles"));
        QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItemCount() > 0, 10000);
        QList<QTreeWidgetItem *> found =
            list->findItems(QStringLiteral("studio"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        list->setCurrentItem(found.first());
        shoot(dialog, QStringLiteral("finish-connect-dialog.png"));
        QCOMPARE(dialog->selectedProfile(), QStringLiteral("studio"));
        dialog->findChild<QPushButton *>(QStringLiteral("connect"))->click();
    });
    window.action(QStringLiteral("connect"))->trigger();
    qunsetenv("AWS_CONFIG_FILE");
    qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
    QVERIFY(shown);
    QCOMPARE(opened.last(), QStringLiteral("studio"));
    QVERIFY(window.connectionName().contains(QStringLiteral("studio")));
}

// The README's picture: a session's participants and one participant's events, with an error
// explained. To update it: cp build/test-output/screenshots/readme-participant-events.png
// packaging/screenshot-participant-events.png
void TestFinish::readmePicture()
{
    m_h->plane("error", {{QStringLiteral("stageArn"), m_stage},
                         {QStringLiteral("participantId"), m_viewer},
                         {QStringLiteral("name"), QStringLiteral("SUBSCRIBE_ERROR")},
                         {QStringLiteral("errorCode"), QStringLiteral("PUBLISHER_NOT_FOUND")},
                         {QStringLiteral("remoteParticipantId"), QStringLiteral("ghost")}});
    LocalConsole window(m_h->service()->url());
    window.resize(1400, 860);
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(treeRowOfKey(window.treeModel(), m_stage).isValid(), 10000);
    window.stageTree()->expand(treeRowOfKey(window.treeModel(), m_stage));
    QVERIFY(window.showSession(m_stage, m_session, m_viewer));
    QTRY_VERIFY_WITH_TIMEOUT(window.eventsModel() && window.eventsModel()->rowCount() == 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->rowCount(), 2, 10000);
    for (int r = 0; r < 2; ++r)
        QTRY_COMPARE_WITH_TIMEOUT(window.listModel()->index(r, 8).data().toString(),
                                  QStringLiteral("Firefox"), 10000);
    window.events()->selectRow(2);
    QTRY_VERIFY(window.eventHelp()->text().contains(QStringLiteral("PUBLISHER_NOT_FOUND")));
    QTest::qWait(150);
    shoot(&window, QStringLiteral("readme-participant-events.png"));
}

QTEST_MAIN(TestFinish)
#include "tst_finish.moc"
