using static MRSNode.Dicom.Network.StateMachine.AssociationAction;

namespace MRSNode.Dicom.Network.StateMachine;

/// <summary>
/// PS3.8 Table 9-10, the DICOM upper layer protocol state transition table, held as data:
/// one row per event, one column per state, each cell the action to perform or null where
/// the standard leaves the cell empty (the event is not valid in that state).
/// </summary>
internal static class TransitionTable
{
    /// <summary>Number of non-empty cells of Table 9-10.</summary>
    public const int DefinedCellCount = 123;

    // Laid out as in the standard: events down, states across.
    private static readonly AssociationAction?[][] _cells =
    [
        //           Sta1  Sta2  Sta3  Sta4  Sta5  Sta6  Sta7  Sta8  Sta9  Sta10 Sta11 Sta12 Sta13
        /* Evt1  */ [AE1,  null, null, null, null, null, null, null, null, null, null, null, null],
        /* Evt2  */ [null, null, null, AE2,  null, null, null, null, null, null, null, null, null],
        /* Evt3  */ [null, AA1,  AA8,  null, AE3,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA6],
        /* Evt4  */ [null, AA1,  AA8,  null, AE4,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA6],
        /* Evt5  */ [AE5,  null, null, null, null, null, null, null, null, null, null, null, null],
        /* Evt6  */ [null, AE6,  AA8,  null, AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA7],
        /* Evt7  */ [null, null, AE7,  null, null, null, null, null, null, null, null, null, null],
        /* Evt8  */ [null, null, AE8,  null, null, null, null, null, null, null, null, null, null],
        /* Evt9  */ [null, null, null, null, null, DT1,  null, AR7,  null, null, null, null, null],
        /* Evt10 */ [null, AA1,  AA8,  null, AA8,  DT2,  AR6,  AA8,  AA8,  AA8,  AA8,  AA8,  AA6],
        /* Evt11 */ [null, null, null, null, null, AR1,  null, null, null, null, null, null, null],
        /* Evt12 */ [null, AA1,  AA8,  null, AA8,  AR2,  AR8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA6],
        /* Evt13 */ [null, AA1,  AA8,  null, AA8,  AA8,  AR3,  AA8,  AA8,  AR10, AR3,  AA8,  AA6],
        /* Evt14 */ [null, null, null, null, null, null, null, AR4,  AR9,  null, null, AR4,  null],
        /* Evt15 */ [null, null, AA1,  AA2,  AA1,  AA1,  AA1,  AA1,  AA1,  AA1,  AA1,  AA1,  null],
        /* Evt16 */ [null, AA2,  AA3,  null, AA3,  AA3,  AA3,  AA3,  AA3,  AA3,  AA3,  AA3,  AA2],
        /* Evt17 */ [null, AA5,  AA4,  AA4,  AA4,  AA4,  AA4,  AA4,  AA4,  AA4,  AA4,  AA4,  AR5],
        /* Evt18 */ [null, AA2,  null, null, null, null, null, null, null, null, null, null, AA2],
        /* Evt19 */ [null, AA1,  AA8,  null, AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA8,  AA7],
    ];

    /// <summary>The action PS3.8 Table 9-10 gives for <paramref name="evt"/> in <paramref name="state"/>; false where the cell is empty.</summary>
    public static bool TryGetAction(AssociationState state, AssociationEvent evt, out AssociationAction action)
    {
        var row = (int)evt - (int)AssociationEvent.Evt1;
        var column = (int)state - (int)AssociationState.Sta1;
        if ((uint)row < (uint)_cells.Length && (uint)column < (uint)_cells[row].Length && _cells[row][column] is { } found)
        {
            action = found;
            return true;
        }

        action = default;
        return false;
    }

    /// <summary>The PS3.8 Tables 9-6 to 9-9 definition of <paramref name="action"/>, shortened.</summary>
    public static string Describe(AssociationAction action) => action switch
    {
        AE1 => "AE-1: issue TRANSPORT CONNECT request primitive to local transport service; next Sta4",
        AE2 => "AE-2: send A-ASSOCIATE-RQ PDU; next Sta5",
        AE3 => "AE-3: issue A-ASSOCIATE confirmation (accept) primitive; next Sta6",
        AE4 => "AE-4: issue A-ASSOCIATE confirmation (reject) primitive and close transport connection; next Sta1",
        AE5 => "AE-5: issue transport connection response primitive; start ARTIM timer; next Sta2",
        AE6 => "AE-6: stop ARTIM timer; if A-ASSOCIATE-RQ acceptable by service-provider issue A-ASSOCIATE indication primitive (next Sta3), otherwise send A-ASSOCIATE-RJ PDU and start ARTIM timer (next Sta13)",
        AE7 => "AE-7: send A-ASSOCIATE-AC PDU; next Sta6",
        AE8 => "AE-8: send A-ASSOCIATE-RJ PDU and start ARTIM timer; next Sta13",
        DT1 => "DT-1: send P-DATA-TF PDU; next Sta6",
        DT2 => "DT-2: send P-DATA indication primitive; next Sta6",
        AR1 => "AR-1: send A-RELEASE-RQ PDU; next Sta7",
        AR2 => "AR-2: issue A-RELEASE indication primitive; next Sta8",
        AR3 => "AR-3: issue A-RELEASE confirmation primitive and close transport connection; next Sta1",
        AR4 => "AR-4: send A-RELEASE-RP PDU and start ARTIM timer; next Sta13",
        AR5 => "AR-5: stop ARTIM timer; next Sta1",
        AR6 => "AR-6: issue P-DATA indication; next Sta7",
        AR7 => "AR-7: send P-DATA-TF PDU; next Sta8",
        AR8 => "AR-8: issue A-RELEASE indication (release collision); next Sta9 if association-requestor, otherwise Sta10",
        AR9 => "AR-9: send A-RELEASE-RP PDU; next Sta11",
        AR10 => "AR-10: issue A-RELEASE confirmation primitive; next Sta12",
        AA1 => "AA-1: send A-ABORT PDU (service-user source) and start (or restart) ARTIM timer; next Sta13",
        AA2 => "AA-2: stop ARTIM timer if running; close transport connection; next Sta1",
        AA3 => "AA-3: issue A-ABORT (service-user initiated) or A-P-ABORT (service-provider initiated) indication and close transport connection; next Sta1",
        AA4 => "AA-4: issue A-P-ABORT indication primitive; next Sta1",
        AA5 => "AA-5: stop ARTIM timer; next Sta1",
        AA6 => "AA-6: ignore PDU; next Sta13",
        AA7 => "AA-7: send A-ABORT PDU; next Sta13",
        AA8 => "AA-8: send A-ABORT PDU (service-provider source), issue A-P-ABORT indication and start ARTIM timer; next Sta13",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a PS3.8 action."),
    };
}
