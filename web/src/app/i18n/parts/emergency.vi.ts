/** Tiếng Việt cho các công cụ ứng phó khẩn cấp (vùng cách ly nguồn…): cùng khóa với emergency.en.ts. */
export const emergency = {
  subtitle: 'Công cụ hỗ trợ chỉ huy ứng phó sự cố bức xạ, tính ngay trên trình duyệt.',
  tools: {
    title: 'Công cụ',
    cordonTitle: 'Vùng cách ly nguồn phóng xạ',
    cordonSummary:
      'Nguồn bị mất, hư hỏng hoặc mất che chắn: suất liều theo khoảng cách, bán kính 100 µSv/h và bán kính mặc định theo IAEA.',
    open: 'Mở công cụ',
  },
  cordon: {
    nav: 'Vùng cách ly nguồn',
    title: 'Vùng cách ly nguồn phóng xạ',
    subtitle:
      'Nguồn kín bị mất, hư hỏng hoặc mất che chắn: suất liều H*(10) theo khoảng cách và bán kính vùng cách ly trong tại 100 µSv/h (IAEA).',
    breadcrumb: 'Ứng phó khẩn cấp',
    form: {
      title: 'Thông tin nguồn',
      nuclide: 'Đồng vị',
      activity: 'Hoạt độ',
      activityUnit: 'Đơn vị hoạt độ',
      material: 'Vật liệu che chắn',
      noShielding: 'Không che chắn',
      thickness: 'Bề dày (cm)',
      thicknessPlaceholder: 'cm',
      situation: 'Tình huống',
      situationRadius: '{{situation}} — bán kính {{radius}} m',
      defaultRadiusHint: 'Bán kính mặc định IAEA cho tình huống này: {{radius}} m',
    },
    materials: {
      lead: 'Chì',
      steel: 'Thép',
      concrete: 'Bê tông',
    },
    situations: {
      unshielded_source: 'Nguồn mất che chắn hoặc hư hỏng (ngoài trời)',
      spill: 'Rò rỉ, tràn lớn chất phóng xạ',
      fire_or_explosion: 'Cháy, nổ hoặc khói có nguồn nguy hiểm',
      suspected_explosive: 'Nghi có bom bẩn (RDD), đã hoặc chưa nổ',
    },
    result: {
      title: 'Kết quả',
      rateAt1m: 'Suất liều H*(10) tại 1 m',
      radius: 'Bán kính vùng cách ly (100 µSv/h)',
      defaultRadius: 'Bán kính mặc định IAEA',
      transmission: 'Hệ số truyền qua che chắn',
      criterion: 'Tiêu chí: suất liều môi trường {{value}} µSv/h (vùng cách ly trong, IAEA)',
      gamma: 'Hằng số gamma Γ cho H*(10)',
      gammaValue: '{{value}} µSv·m²/(MBq·h)',
      layer: '{{method}} của {{material}}: {{value}} cm',
      tvl: 'Bề dày giảm mười lần (TVL)',
      hvl: 'Bề dày giảm một nửa (HVL)',
      source: 'Nguồn số liệu',
      verified: 'đã thẩm định',
      toVerify: 'chưa thẩm định',
      assumptions: 'Giả thiết tính toán',
      invalid: 'Chưa tính được',
      fixInput: 'Hãy sửa thông tin nguồn để xem kết quả.',
    },
    warnings: {
      exceeds_default:
        'Bán kính tính được ({{radius}} m) lớn hơn bán kính mặc định {{defaultRadius}} m cho tình huống «{{situation}}»: lập vùng cách ly theo bán kính tính được.',
      exceedsTitle: 'Vượt bán kính mặc định',
      beyond_air_neutral_range:
        'Bán kính {{radius}} m vượt quá {{validUpTo}} m, giới hạn của giả thiết bỏ qua suy giảm trong không khí: kết quả thiên về an toàn (ước lượng cao), cần đo kiểm tra tại hiện trường.',
      shielding_hvl_only:
        'Chỉ có bề dày giảm một nửa (HVL = {{hvl}} cm) của {{material}} cho {{nuclide}}: với che chắn dày, 2^(−x/HVL) có thể đánh giá thấp suất liều.',
      data_to_verify: 'Một số số liệu dùng cho {{nuclide}} chưa được thẩm định: {{items}}.',
      items: {
        gamma: 'hằng số gamma Γ',
        tvl: 'TVL của {{material}}',
        hvl: 'HVL của {{material}}',
      },
      other: 'Cảnh báo: {{code}}',
    },
    assumptions: {
      point_source_inverse_square: 'Nguồn điểm, suất liều giảm theo bình phương khoảng cách.',
      ambient_dose_equivalent:
        'Đại lượng tính là suất liều tương đương môi trường H*(10) (số đọc của máy đo khảo sát).',
      air_neutral:
        'Bỏ qua suy giảm và tích lũy trong không khí (gần như bù trừ nhau đến khoảng 100 m); xa hơn thì kết quả thiên về an toàn.',
      unshielded: 'Nguồn không có che chắn.',
      shield_broad_beam_tvl:
        'Che chắn tính theo bề dày giảm mười lần chùm rộng (TVL, NCRP 49), đã gồm tia tán xạ.',
      shield_hvl: 'Che chắn tính theo bề dày giảm một nửa (HVL) do thiếu số liệu TVL.',
    },
    errors: {
      unknown_nuclide: 'Không có hằng số gamma cho đồng vị này.',
      invalid_activity: 'Nhập hoạt độ lớn hơn 0.',
      invalid_shielding: 'Thông tin che chắn không hợp lệ.',
      unknown_material: 'Vật liệu che chắn không có trong số liệu.',
      no_shielding_data:
        'Chưa có số liệu HVL/TVL của {{material}} cho {{nuclide}}: hãy tính không che chắn hoặc đo tại hiện trường.',
      invalid_thickness: 'Nhập bề dày từ 0 cm trở lên.',
      invalid_distance: 'Khoảng cách không hợp lệ.',
      invalid_limit: 'Tiêu chí suất liều không hợp lệ.',
      unknown_situation: 'Tình huống không hợp lệ.',
    },
    chart: {
      title: 'Suất liều theo khoảng cách',
      ariaLabel: 'Biểu đồ suất liều H*(10) theo khoảng cách, thang logarit',
      distance: 'Khoảng cách (m)',
      doseRate: 'Suất liều (µSv/h)',
      series: 'Suất liều H*(10)',
      criterion: '{{value}} µSv/h',
      radius: 'Vùng cách ly {{radius}} m',
      defaultRadius: 'Mặc định {{radius}} m',
    },
    map: {
      title: 'Bản đồ vùng cách ly',
      ariaLabel:
        'Bản đồ: bấm để đặt vị trí nguồn, hai vòng tròn là vùng cách ly tính được và bán kính mặc định',
      hint: 'Bấm lên bản đồ để đặt vị trí nguồn.',
      computed: 'Vùng cách ly tính được ({{radius}} m)',
      default: 'Bán kính mặc định IAEA ({{radius}} m)',
      source: 'Vị trí nguồn',
      zoom: 'Phóng tới vùng cách ly',
    },
  },
};
